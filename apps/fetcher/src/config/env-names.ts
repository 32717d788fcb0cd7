/** Environment variable names of the settings (docs/fetcher.md#configuration). */

export const LUMAPPS_SETTINGS = [
  "organizationId",
  "applicationId",
  "applicationSecret",
  "authorizedUserId",
  "authorizedUserEmail",
  "cell",
  "platformAddress",
] as const;

const snake = (camel: string) => camel.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

/** `LUMAPPS_CELL` (the only source) or `LUMAPPS_ACME_EU_CELL` (source `acme-eu`). */
export function lumappsEnvName(setting: string, sourceId?: string): string {
  const scope = sourceId ? `${sourceId.toUpperCase().replace(/-/g, "_")}_` : "";
  return `LUMAPPS_${scope}${snake(setting)}`;
}

/** Settings of a file-less, single-source setup, read from FETCHER_* variables. */
export const SOURCE_ENV: Record<
  string,
  { env: string; kind: "string" | "number" | "list" | "types" | "sites" }
> = {
  sourceId: { env: "FETCHER_SOURCE_ID", kind: "string" },
  sites: { env: "FETCHER_SITES", kind: "sites" },
  contentTypes: { env: "FETCHER_CONTENT_TYPES", kind: "types" },
  languages: { env: "FETCHER_LANGUAGES", kind: "list" },
  pollIntervalSeconds: { env: "FETCHER_POLL_INTERVAL_SECONDS", kind: "number" },
  overlapSeconds: { env: "FETCHER_OVERLAP_SECONDS", kind: "number" },
  reconcileIntervalSeconds: { env: "FETCHER_RECONCILE_INTERVAL_SECONDS", kind: "number" },
  labelTtlSeconds: { env: "FETCHER_LABEL_TTL_SECONDS", kind: "number" },
  requestTimeoutSeconds: { env: "FETCHER_REQUEST_TIMEOUT_SECONDS", kind: "number" },
  requestsPerSecond: { env: "FETCHER_REQUESTS_PER_SECOND", kind: "number" },
  scopeConcurrency: { env: "FETCHER_SCOPE_CONCURRENCY", kind: "number" },
  emptyAudience: { env: "FETCHER_EMPTY_AUDIENCE", kind: "string" },
};

export const GLOBAL_ENV = {
  config: "FETCHER_CONFIG",
  topicPrefix: "LUMASNIP_TOPIC_PREFIX",
  opsPort: "FETCHER_OPS_PORT",
  opsHost: "FETCHER_OPS_HOST",
};
