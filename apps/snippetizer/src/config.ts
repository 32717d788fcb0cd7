import { MAX_MESSAGE_BYTES, TOPIC_PREFIX_PATTERN } from "@lumasnip/schema";
import { ConfigError, intSetting, parseConfig, readJsonFile } from "@lumasnip/service";
import { parseSettings, type SnippetizeSettings, SnippetizeSettingsError } from "@lumasnip/snippetize";
import { z } from "zod";

const int = intSetting;

/** The Kafka stage's settings (docs/snippets.md#the-kafka-stage). The connection comes from KAFKA_* (packages/bus). */
export const StageConfigSchema = z.object({
  topicPrefix: z.string().regex(TOPIC_PREFIX_PATTERN, "letters, digits, '.', '_' or '-'").default("lumasnip"),
  groupId: z.string().min(1).max(249).default("lumasnip-snippetizer"),
  /** partitions worked on at once: one's network wait overlaps another's snippetizing */
  concurrency: int(1, 64, 2),
  /** bytes fetched per partition per request: bigger fetches leave the stage idle less often */
  fetchBytesPerPartition: int(64 * 1024, 256 * 1024 * 1024, 2 * 1024 * 1024),
  /** output of this many input bytes is gathered before one acknowledged send (and the commit after it) */
  sendBatchBytes: int(1024, 64 * 1024 * 1024, 4 * 1024 * 1024),
  sendBatchMessages: int(1, 10_000, 500),
  /** the snippet topic's max.message.bytes: a set over it goes to the DLQ as too_large */
  maxMessageBytes: int(64 * 1024, 1024 * 1024 * 1024, MAX_MESSAGE_BYTES),
  /** contents whose last produced hash is remembered, to skip unchanged redeliveries */
  hashMemory: int(0, 10_000_000, 200_000),
  /** `/healthz` and `/metrics`; null turns the ops server off */
  opsPort: z.coerce.number().int().min(0).max(65_535).nullable().default(9465),
  opsHost: z.string().min(1).default("127.0.0.1"),
});
export type StageConfig = z.output<typeof StageConfigSchema> & { settings: SnippetizeSettings };

export const STAGE_ENV: Record<keyof z.input<typeof StageConfigSchema>, string> = {
  topicPrefix: "LUMASNIP_TOPIC_PREFIX",
  groupId: "SNIPPETIZER_GROUP_ID",
  concurrency: "SNIPPETIZER_CONCURRENCY",
  fetchBytesPerPartition: "SNIPPETIZER_FETCH_BYTES_PER_PARTITION",
  sendBatchBytes: "SNIPPETIZER_SEND_BATCH_BYTES",
  sendBatchMessages: "SNIPPETIZER_SEND_BATCH_MESSAGES",
  maxMessageBytes: "SNIPPETIZER_MAX_MESSAGE_BYTES",
  hashMemory: "SNIPPETIZER_HASH_MEMORY",
  opsPort: "SNIPPETIZER_OPS_PORT",
  opsHost: "SNIPPETIZER_OPS_HOST",
};

/** Snippetizing settings: inline JSON (SNIPPETIZER_SETTINGS) or a JSON file (SNIPPETIZER_SETTINGS_FILE, --settings). */
export function settingsFrom(env: NodeJS.ProcessEnv, file?: string): SnippetizeSettings {
  const path = file ?? env.SNIPPETIZER_SETTINGS_FILE;
  let raw: unknown = {};
  if (path) raw = readJsonFile(path);
  else if (env.SNIPPETIZER_SETTINGS) {
    try {
      raw = JSON.parse(env.SNIPPETIZER_SETTINGS);
    } catch (error) {
      throw new ConfigError("SNIPPETIZER_SETTINGS", [`is not valid JSON: ${(error as Error).message}`]);
    }
  }
  try {
    return parseSettings(raw);
  } catch (error) {
    if (error instanceof SnippetizeSettingsError) {
      throw new ConfigError(
        path ? `snippetizer settings (${path})` : "snippetizer settings (SNIPPETIZER_SETTINGS)",
        [error.message],
      );
    }
    throw error;
  }
}

/** The stage's config from the environment, parsed once at start; a problem names its variable. */
export function stageConfigFromEnv(
  env: NodeJS.ProcessEnv,
  options: { settingsFile?: string } = {},
): StageConfig {
  const input: Record<string, unknown> = {};
  for (const [field, name] of Object.entries(STAGE_ENV)) {
    const value = env[name];
    if (value === undefined || value === "") continue;
    input[field] = field === "opsPort" && value === "off" ? null : value;
  }
  const config = parseConfig(StageConfigSchema, input, {
    what: "the snippetizer's configuration",
    envNames: STAGE_ENV,
  });
  return { ...config, settings: settingsFrom(env, options.settingsFile) };
}
