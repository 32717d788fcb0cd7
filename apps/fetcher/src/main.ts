import { createLogger, runMain } from "@lumasnip/service";
import { runCli } from "./cli/commands.ts";

// kafkajs prints a warning on every start otherwise; the partitioner is chosen on purpose
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= "1";
const logger = createLogger({ name: "fetcher" });
await runMain(logger, ({ signal }) =>
  runCli(process.argv.slice(2), {
    env: process.env,
    logger,
    signal,
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
  }),
);
