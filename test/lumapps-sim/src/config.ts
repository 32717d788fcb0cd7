import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";

export const usage = `usage: node src/main.ts [options]   (pnpm --filter @lumasnip/lumapps-sim start -- [options])

A LumApps API simulator: the cell's v1 and v2 API, faults and changes on demand.

  --port <n>            port to listen on (default 8990; 0 = any free port)       env LUMAPPS_SIM_PORT
  --host <addr>         address to bind (default 127.0.0.1)
  --seed <what>         demo (default: the shipped seed), fixture (synthetic), corpus (the full shared
                        corpus, built on the fly), or a seed directory
  --corpus <dir>        the shared corpus for --seed corpus (default: $LUMASNIP_CORPUS_DIR or ../shared/corpus)
  --scale <n>           multiply the contents to n items (e.g. 10000)
  --token-ttl <s>       access token lifetime in seconds (default 3600)
  --ticker <ms>         make a random change every <ms> ms (default: off)
  --latency <ms>        latency added to every API response (default 0)
  --widget-rights <m>   return (default) or strip widgets outside the user's groups
  --help                this text`;

const repoRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));

const int = (name: string, min: number) =>
  z.coerce
    .number({ error: `--${name} must be a number` })
    .int(`--${name} must be a whole number`)
    .min(min);

export const cliConfigSchema = z.object({
  port: int("port", 0).max(65535).default(8990),
  host: z.string().default("127.0.0.1"),
  seed: z.string().default("demo"),
  corpus: z.string().default(process.env.LUMASNIP_CORPUS_DIR ?? join(repoRoot, "../shared/corpus")),
  scale: int("scale", 1).optional(),
  tokenTtl: z.coerce.number({ error: "--token-ttl must be a number" }).positive().default(3600),
  ticker: int("ticker", 0).default(0),
  latency: int("latency", 0).default(0),
  widgetRights: z.enum(["return", "strip"]).default("return"),
});
export type CliConfig = z.infer<typeof cliConfigSchema>;

/** Parses argv once; a bad value exits with a message naming the option. */
export function parseCli(argv: string[]): CliConfig | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      seed: { type: "string" },
      corpus: { type: "string" },
      scale: { type: "string" },
      "token-ttl": { type: "string" },
      ticker: { type: "string" },
      latency: { type: "string" },
      "widget-rights": { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) return "help";
  const config = cliConfigSchema.parse({
    port: values.port ?? process.env.LUMAPPS_SIM_PORT,
    host: values.host,
    seed: values.seed,
    corpus: values.corpus,
    scale: values.scale,
    tokenTtl: values["token-ttl"],
    ticker: values.ticker,
    latency: values.latency,
    widgetRights: values["widget-rights"],
  });
  if (config.seed === "corpus" && !existsSync(join(config.corpus, "translations.tsv"))) {
    throw new Error(
      `--seed corpus: no corpus at ${config.corpus} (pass --corpus or set LUMASNIP_CORPUS_DIR)`,
    );
  }
  return config;
}
