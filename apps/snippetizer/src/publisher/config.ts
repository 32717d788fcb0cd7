import { Secret } from "@lumasnip/auth";
import { looksLikeApiKey } from "@lumasnip/auth/api-keys";
import { TOPIC_PREFIX_PATTERN } from "@lumasnip/schema";
import { intSetting, parseConfig, secretFrom } from "@lumasnip/service";
import { z } from "zod";

const int = intSetting;

/** The publisher's settings (docs/edge.md#the-publisher). The Kafka connection comes from KAFKA_* (packages/bus). */
const PublisherConfigFields = z.object({
  /** the worker, e.g. https://lumasnip-edge.example.workers.dev */
  edgeUrl: z.url({ protocol: /^https?$/, error: "an http(s) URL of the edge worker" }),
  /** an API key with the `write` scope; the edge answers any other shape 401, so it is refused here */
  edgeKey: z
    .string()
    .refine(
      looksLikeApiKey,
      "an API key with the write scope as `keys create` prints it (lsk_ and 43 characters, no spaces)",
    )
    .transform((v) => new Secret(v)),
  topicPrefix: z.string().regex(TOPIC_PREFIX_PATTERN).default("lumasnip"),
  groupId: z.string().min(1).max(249).default("lumasnip-edge-publisher"),
  /** partitions consumed at once; one content at a time per partition keeps each key's order */
  concurrency: int(1, 64, 3),
  /** tries of one edge call on network errors, 429 and 5xx */
  requestAttempts: int(1, 20, 5),
  /** rounds of a whole content before it goes to the DLQ (when the edge itself is healthy) */
  contentAttempts: int(1, 20, 3),
  backoffInitialMs: int(1, 60_000, 200),
  backoffMaxMs: int(1, 600_000, 10_000),
  requestTimeoutMs: int(100, 600_000, 30_000),
  maxConflicts: int(0, 100, 5),
  /** wait between health checks while the edge is down (nothing goes to the DLQ during an outage) */
  outageCheckMs: int(100, 600_000, 5_000),
  /** `/healthz` and `/metrics`; null turns the ops server off */
  opsPort: z.coerce.number().int().min(0).max(65_535).nullable().default(9466),
  opsHost: z.string().min(1).default("127.0.0.1"),
});

/** The publisher's settings, checked together where two depend on each other. */
export const PublisherConfigSchema = PublisherConfigFields.refine(
  (c) => c.backoffInitialMs <= c.backoffMaxMs,
  {
    message: "must not exceed PUBLISHER_BACKOFF_MAX_MS",
    path: ["backoffInitialMs"],
    // reported beside the other problems, not in a second round, once both numbers are valid
    when: (p) => {
      const v = p.value as { backoffInitialMs?: unknown; backoffMaxMs?: unknown };
      return Number.isFinite(v?.backoffInitialMs) && Number.isFinite(v?.backoffMaxMs);
    },
  },
);
export type PublisherConfig = z.output<typeof PublisherConfigSchema>;
export type PublisherConfigInput = z.input<typeof PublisherConfigSchema>;

export const PUBLISHER_ENV: Record<keyof PublisherConfigInput, string> = {
  edgeUrl: "PUBLISHER_EDGE_URL",
  edgeKey: "PUBLISHER_EDGE_KEY",
  topicPrefix: "LUMASNIP_TOPIC_PREFIX",
  groupId: "PUBLISHER_GROUP_ID",
  concurrency: "PUBLISHER_CONCURRENCY",
  requestAttempts: "PUBLISHER_REQUEST_ATTEMPTS",
  contentAttempts: "PUBLISHER_CONTENT_ATTEMPTS",
  backoffInitialMs: "PUBLISHER_BACKOFF_INITIAL_MS",
  backoffMaxMs: "PUBLISHER_BACKOFF_MAX_MS",
  requestTimeoutMs: "PUBLISHER_REQUEST_TIMEOUT_MS",
  maxConflicts: "PUBLISHER_MAX_CONFLICTS",
  outageCheckMs: "PUBLISHER_OUTAGE_CHECK_MS",
  opsPort: "PUBLISHER_OPS_PORT",
  opsHost: "PUBLISHER_OPS_HOST",
};

/** Parses the config once (a problem names the variable, never echoes a value). */
export function parsePublisherConfig(input: PublisherConfigInput | Record<string, unknown>): PublisherConfig {
  return parseConfig(PublisherConfigSchema, input, {
    what: "the publisher's configuration",
    envNames: PUBLISHER_ENV,
  });
}

/** The config from the environment: PUBLISHER_* (the key also as PUBLISHER_EDGE_KEY_FILE), LUMASNIP_TOPIC_PREFIX. */
export function publisherConfigFromEnv(env: NodeJS.ProcessEnv): PublisherConfig {
  const input: Record<string, unknown> = {};
  for (const [field, name] of Object.entries(PUBLISHER_ENV)) {
    const value = field === "edgeKey" ? secretFrom(env, name) : env[name];
    if (value === undefined || value === "") continue;
    input[field] = field === "opsPort" && value === "off" ? null : value;
  }
  return parsePublisherConfig(input);
}
