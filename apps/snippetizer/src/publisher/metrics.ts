import { createMetrics, type Metrics } from "@lumasnip/service";

/** The publisher's Prometheus metrics (docs/edge.md#the-publisher); one set per process. */
export function createPublisherMetrics(options: { defaults?: boolean; metrics?: Metrics } = {}) {
  const m = options.metrics ?? createMetrics("edge-publisher", { defaults: options.defaults ?? true });
  return {
    registry: m.registry,
    contents: m.counter(
      "publisher_contents_total",
      "snippet events handled, by outcome (published, skipped, deleted, dlq)",
      ["outcome"],
    ),
    snippetsWritten: m.counter("publisher_snippets_written_total", "snippets written to the edge"),
    writesSaved: m.counter(
      "publisher_kv_writes_saved_total",
      "snippet writes the diff saved (same fingerprint already in KV)",
    ),
    staleScheduled: m.counter(
      "publisher_stale_snippets_total",
      "snippets a commit dropped (deleted by the edge after its grace period)",
    ),
    conflicts: m.counter("publisher_manifest_conflicts_total", "commits answered 409 and re-planned"),
    retries: m.counter("publisher_retries_total", "edge calls retried after a network error, 429 or 5xx", [
      "operation",
    ]),
    failures: m.counter("publisher_failures_total", "contents sent to the DLQ, by reason", ["reason"]),
    lag: m.gauge("publisher_consumer_lag", "messages behind the partition's high watermark", ["partition"]),
    seconds: m.histogram(
      "publisher_content_seconds",
      "time to publish one content",
      ["outcome"],
      [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    ),
    edgeUp: m.gauge("publisher_edge_up", "1 when the last edge call or health check succeeded"),
  };
}
export type PublisherMetrics = ReturnType<typeof createPublisherMetrics>;
