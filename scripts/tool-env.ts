/** Switches off third-party telemetry and noise for every process the project starts (TOOLCHAIN.md). */
export const quietToolEnv: Record<string, string> = {
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  TURBO_TELEMETRY_DISABLED: "1",
  DO_NOT_TRACK: "1",
  KAFKAJS_NO_PARTITIONER_WARNING: "1",
};
