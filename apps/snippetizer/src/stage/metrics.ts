import { createMetrics, type Metrics } from "@lumasnip/service";

/** The Kafka stage's Prometheus metrics (docs/snippets.md#operations); one set per process. */
export function createStageMetrics(options: { defaults?: boolean; metrics?: Metrics } = {}) {
  const m = options.metrics ?? createMetrics("snippetizer", { defaults: options.defaults ?? true });
  return {
    registry: m.registry,
    events: m.counter(
      "snippetizer_events_total",
      "content events handled, by kind and outcome (produced, unchanged, dlq)",
      ["kind", "outcome"],
    ),
    sets: m.counter("snippetizer_sets_total", "snippet sets produced (acknowledged by the broker)"),
    deletions: m.counter("snippetizer_deletions_total", "snippets.deleted events produced"),
    snippets: m.counter("snippetizer_snippets_total", "snippets in the sets produced"),
    dlq: m.counter("snippetizer_dlq_total", "contents sent to the DLQ, by reason", ["reason"]),
    inputBytes: m.counter("snippetizer_input_bytes_total", "bytes of content events read"),
    seconds: m.histogram(
      "snippetizer_content_seconds",
      "time to snippetize one content",
      [],
      [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    ),
    sendSeconds: m.histogram(
      "snippetizer_send_seconds",
      "time for the broker to acknowledge one send",
      [],
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    ),
    lag: m.gauge("snippetizer_consumer_lag", "messages behind the partition's high watermark", ["partition"]),
    remembered: m.gauge(
      "snippetizer_hash_memory_keys",
      "content keys whose last produced hash is remembered",
    ),
  };
}
export type StageMetrics = ReturnType<typeof createStageMetrics>;
