/**
 * The edge publisher (DESIGN.md "Edge", issue 8): consumes `lumasnip.snippets.v1` with the group
 * `lumasnip-edge-publisher` and mirrors every content into the edge's KV through the admin protocol.
 *
 * For main.ts (`publish` subcommand):
 *
 *   const config = publisherConfigFromEnv(process.env);          // PUBLISHER_*; throws ConfigError
 *   const kafka = createKafka(kafkaConnectionFromEnv(process.env, "lumasnip-edge-publisher"),
 *                             { logCreator: kafkaLogCreator(logger) });
 *   await runMain(logger, ({ signal }) => runPublisher(config, { kafka, logger, signal }));
 *
 *   runPublisher(config: PublisherConfig, deps: PublisherDeps): Promise<void>
 *     deps: { kafka: Kafka; logger: Logger; signal: AbortSignal; metrics?; edge?; onReady? }
 *     resolves after `signal` aborts (the in-flight content is left uncommitted and redone);
 *     rejects when the consumer crashes, so runMain exits 1, and with EdgeKeyRefusedError when
 *     the edge answers 401/403 (at start or later): nothing goes to the DLQ, nothing is committed. Serves /healthz and /metrics on
 *     config.opsPort (PUBLISHER_OPS_PORT, default 9466, "off" to disable).
 */
export {
  PUBLISHER_ENV,
  type PublisherConfig,
  type PublisherConfigInput,
  PublisherConfigSchema,
  parsePublisherConfig,
  publisherConfigFromEnv,
} from "./config.ts";
export { createEdgeAdmin, type EdgeAdmin } from "./edge-client.ts";
export { EdgeAdminError, EdgeKeyRefusedError, ManifestConflictError } from "./errors.ts";
export { createPublisherMetrics, type PublisherMetrics } from "./metrics.ts";
export { fingerprint, type PublishPlan, planPublish } from "./plan.ts";
export { type PublisherDeps, runPublisher } from "./run.ts";
