import { createKafka, KafkaConfigError, kafkaConnectionFromEnv } from "@lumasnip/bus";
import { ConfigError, kafkaLogCreator, type Logger } from "@lumasnip/service";
import { type StageConfig, stageConfigFromEnv } from "../config.ts";
import { EdgeKeyRefusedError, publisherConfigFromEnv, runPublisher } from "../publisher/index.ts";
import { runSnippetizer } from "../stage/run-stage.ts";
import { type CliArgs, HELP, parseCliArgs, UsageError } from "./args.ts";
import { runSnippetizeCommand, type SnippetizeIo } from "./snippetize-command.ts";

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export interface CliIo extends SnippetizeIo {
  logger: Logger;
  signal: AbortSignal;
  stdout: (text: string) => void;
}

/** Runs one CLI invocation and returns its exit code (main.ts exits with it). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let args: CliArgs;
  let stage: StageConfig | undefined;
  try {
    args = parseCliArgs(argv);
    if (args.command === "help") {
      io.stdout(HELP);
      return EXIT.ok;
    }
    if (args.command === "snippetize") return await runSnippetizeCommand(args, io);
    if (args.command === "run") stage = stageConfigFromEnv(io.env);
    kafkaConnectionFromEnv(io.env, "check");
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof KafkaConfigError) {
      io.stderr(`${error.message}${error instanceof UsageError ? "\nSee --help." : ""}`);
      return EXIT.usage;
    }
    throw error;
  }
  if (args.command === "publish") {
    let config: ReturnType<typeof publisherConfigFromEnv>;
    try {
      config = publisherConfigFromEnv(io.env);
    } catch (error) {
      if (error instanceof ConfigError) {
        io.stderr(error.message);
        return EXIT.usage;
      }
      throw error;
    }
    const kafka = createKafka(kafkaConnectionFromEnv(io.env, "lumasnip-edge-publisher"), {
      logCreator: kafkaLogCreator(io.logger),
    });
    try {
      await runPublisher(config, { kafka, logger: io.logger, signal: io.signal });
    } catch (error) {
      // already logged as the one line an operator needs; a second "stopped on an error" adds nothing
      if (error instanceof EdgeKeyRefusedError) return EXIT.failed;
      throw error;
    }
    return EXIT.ok;
  }
  const kafka = createKafka(kafkaConnectionFromEnv(io.env, "lumasnip-snippetizer"), {
    logCreator: kafkaLogCreator(io.logger),
  });
  await runSnippetizer(stage!, { kafka, logger: io.logger, signal: io.signal });
  return EXIT.ok;
}
