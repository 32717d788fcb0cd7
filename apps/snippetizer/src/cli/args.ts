import { parseCommandLine, UsageError } from "@lumasnip/service";

export { UsageError };

export const HELP = `lumasnip-snippetizer — LumApps content to clean, tagged snippets

Usage: pnpm exec node src/main.ts <command> [options]

Commands:
  run                      the Kafka stage: consume lumasnip.content.v1 (group lumasnip-snippetizer),
                           produce snippet sets and deletions to lumasnip.snippets.v1 until SIGTERM;
                           serves /healthz and /metrics
  publish                  the edge publisher: mirror lumasnip.snippets.v1 into the edge's KV
                           (docs/edge.md#the-publisher)
  snippetize [path ...]    snippetize HTML files, folders of them, or LumApps content JSON (a file,
                           a folder, or stdin with "-" or no path) and write JSON lines to stdout

snippetize options:
  --lang <tag>             language of HTML input (default: <html lang>, the path, else en)
  --url <url>              canonical URL of HTML input (deep links are this plus #anchor)
  --source <id>            source id in the content keys (default: local)
  --format <f>             snippets (default: one line per snippet, every field) or sets
  --settings <file>        snippetizer settings as JSON (docs/snippets.md#5-settings)
  --max-tokens <n>  --min-tokens <n>  --max-chars <n>  --overlap <tokens>  --languages <a,b>
                           override single settings
  --stats                  a summary per input on stderr
  -h, --help               this help

Environment (run): KAFKA_BROKERS (+ KAFKA_SSL, KAFKA_SASL_*), LUMASNIP_TOPIC_PREFIX,
SNIPPETIZER_GROUP_ID, SNIPPETIZER_CONCURRENCY, SNIPPETIZER_FETCH_BYTES_PER_PARTITION,
SNIPPETIZER_SEND_BATCH_BYTES, SNIPPETIZER_SEND_BATCH_MESSAGES, SNIPPETIZER_MAX_MESSAGE_BYTES,
SNIPPETIZER_HASH_MEMORY, SNIPPETIZER_OPS_PORT (default 9465, "off"), SNIPPETIZER_OPS_HOST,
SNIPPETIZER_SETTINGS (JSON) or SNIPPETIZER_SETTINGS_FILE, LOG_LEVEL.
publish: PUBLISHER_* (docs/edge.md).
Exit codes: 0 done; 1 failed (or an input could not be snippetized); 2 bad usage or configuration.`;

export type Command = "run" | "publish" | "snippetize" | "help";

export interface CliArgs {
  command: Command;
  paths: string[];
  lang?: string | undefined;
  url?: string | undefined;
  source: string;
  format: "snippets" | "sets";
  settingsFile?: string | undefined;
  overrides: Record<string, unknown>;
  stats: boolean;
}

const NUMERIC = {
  "max-tokens": "maxTokens",
  "min-tokens": "minTokens",
  "max-chars": "maxChars",
  overlap: "overlapTokens",
} as const;

export function parseCliArgs(argv: string[]): CliArgs {
  const { values, positionals } = parse(argv);
  const format = values.format ?? "snippets";
  if (format !== "snippets" && format !== "sets")
    throw new UsageError(`--format is snippets or sets, not "${format}"`);
  const overrides: Record<string, unknown> = {};
  for (const [flag, field] of Object.entries(NUMERIC)) {
    const v = values[flag as keyof typeof NUMERIC];
    if (v === undefined) continue;
    const n = Number(v);
    if (!Number.isInteger(n)) throw new UsageError(`--${flag} takes a whole number`);
    overrides[field] = n;
  }
  if (values.languages !== undefined)
    overrides.languages = values.languages
      .split(",")
      .map((l) => l.trim())
      .filter(Boolean);
  const [first, ...rest] = positionals;
  const command: Command =
    values.help || first === undefined || first === "help" ? "help" : (first as Command);
  if (!["run", "publish", "snippetize", "help"].includes(command))
    throw new UsageError(`unknown command "${first}": see --help`);
  if (command !== "snippetize" && rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
  const snippetizeOnly = [
    "lang",
    "url",
    "format",
    "settings",
    "stats",
    "languages",
    ...Object.keys(NUMERIC),
  ].filter((k) => values[k as keyof typeof values] !== undefined);
  if (command !== "snippetize" && command !== "help" && snippetizeOnly.length > 0) {
    throw new UsageError(
      `--${snippetizeOnly[0]} goes with snippetize (run reads SNIPPETIZER_SETTINGS / SNIPPETIZER_SETTINGS_FILE)`,
    );
  }
  return {
    command,
    paths: command === "snippetize" ? rest : [],
    lang: values.lang,
    url: values.url,
    source: values.source ?? "local",
    format,
    settingsFile: values.settings,
    overrides,
    stats: values.stats ?? false,
  };
}

function parse(argv: string[]) {
  return parseCommandLine(argv, {
    lang: { type: "string" },
    url: { type: "string" },
    source: { type: "string" },
    format: { type: "string" },
    settings: { type: "string" },
    "max-tokens": { type: "string" },
    "min-tokens": { type: "string" },
    "max-chars": { type: "string" },
    overlap: { type: "string" },
    languages: { type: "string" },
    stats: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
}
