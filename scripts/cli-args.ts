import { createKafka, KafkaConfigError, kafkaConnectionFromEnv } from "@lumasnip/bus";

/**
 * The script's arguments. `pnpm <script> -- --flag` forwards the `--` itself (pnpm 10), which
 * node's parseArgs would read as "end of options": drop a leading one.
 */
export function cliArgs(argv: readonly string[] = process.argv): string[] {
  const args = argv.slice(2);
  return args[0] === "--" ? args.slice(1) : args;
}

/** parseArgs with a one-line error (exit 2) instead of a stack trace. */
export function usageError(tool: string, error: unknown): never {
  console.error(`${tool}: ${(error as Error).message} (--help lists the options)`);
  process.exit(2);
}

/**
 * The Kafka client of an operator script, from KAFKA_* in the environment; a malformed setting is
 * one line naming it (exit 2), not a stack trace.
 */
export function kafkaFromEnv(tool: string) {
  try {
    const connection = kafkaConnectionFromEnv(process.env, `lumasnip-${tool}`);
    return { connection, kafka: createKafka(connection, { retries: 3 }) };
  } catch (error) {
    if (!(error instanceof KafkaConfigError)) throw error;
    console.error(`${tool}: ${error.message}`);
    process.exit(2);
  }
}
