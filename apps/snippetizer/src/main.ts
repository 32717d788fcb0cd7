import { readFileSync } from "node:fs";
import { createLogger, runMain } from "@lumasnip/service";
import { runCli } from "./cli/commands.ts";

// kafkajs prints a warning on every start otherwise; the partitioner is chosen on purpose
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= "1";
const command = process.argv[2];
const logger = createLogger({
  name: command === "publish" ? "edge-publisher" : "snippetizer",
  // the snippetize command writes its JSON lines to stdout: logs stay out of the way
  ...(command === "snippetize"
    ? { destination: process.stderr, level: process.env.LOG_LEVEL ?? "warn" }
    : {}),
});

await runMain(logger, ({ signal }) =>
  runCli(process.argv.slice(2), {
    env: process.env,
    logger,
    signal,
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    writeLine: (line) =>
      new Promise<void>((resolve, reject) => {
        process.stdout.write(`${line}\n`, (error) => (error ? reject(error) : resolve()));
      }),
    readStdin: () => readFileSync(0, "utf8"),
    stdinIsTty: process.stdin.isTTY === true,
  }),
);
