import { createMetrics, type Metrics } from "@lumasnip/service";

/** The fetcher's Prometheus metrics (docs/fetcher.md#operations); one set per process. */
export function createFetcherMetrics(options: { defaults?: boolean } = {}) {
  const m: Metrics = createMetrics("fetcher", { defaults: options.defaults ?? true });
  return {
    registry: m.registry,
    apiRequests: m.counter(
      "fetcher_api_requests_total",
      "LumApps API calls by route and HTTP status (or timeout/network/auth)",
      ["source", "route", "status"],
    ),
    apiSeconds: m.histogram(
      "fetcher_api_request_seconds",
      "LumApps API call duration",
      ["source", "route"],
      [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    ),
    apiRetries: m.counter(
      "fetcher_api_retries_total",
      "LumApps API calls retried after 429/5xx/network errors",
      ["source", "route"],
    ),
    tokenMints: m.counter("fetcher_token_mints_total", "application tokens minted", ["source", "outcome"]),
    itemsListed: m.counter("fetcher_items_listed_total", "items LumApps listings returned", [
      "source",
      "scope",
      "mode",
    ]),
    events: m.counter(
      "fetcher_events_total",
      "events produced, by kind (upserted, deleted, dlq) and reason",
      ["source", "kind", "reason"],
    ),
    lastPoll: m.gauge("fetcher_last_poll_success_timestamp_seconds", "end of the last successful poll", [
      "source",
      "scope",
    ]),
    lastReconcile: m.gauge(
      "fetcher_last_reconcile_success_timestamp_seconds",
      "end of the last complete reconcile listing",
      ["source", "scope"],
    ),
    newestUpdatedAt: m.gauge("fetcher_newest_updated_at_seconds", "newest updatedAt seen (the watermark)", [
      "source",
      "scope",
    ]),
    deletesHeld: m.gauge(
      "fetcher_deletes_held_back",
      "deletes the mass-delete guard held back in the last reconcile",
      ["source", "scope"],
    ),
    deletesHeldTotal: m.counter(
      "fetcher_deletes_held_back_total",
      "deletes held back by the mass-delete guard",
      ["source", "scope"],
    ),
    liveItems: m.gauge("fetcher_live_items", "items currently emitted as live", ["source"]),
    lockHeld: m.gauge(
      "fetcher_source_lock_held",
      "1 while this process is the active fetcher of the source",
      ["source"],
    ),
    failures: m.counter("fetcher_failures_total", "listings or rounds that failed (retried later)", [
      "source",
      "mode",
    ]),
  };
}
export type FetcherMetrics = ReturnType<typeof createFetcherMetrics>;
