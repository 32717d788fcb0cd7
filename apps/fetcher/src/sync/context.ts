import type { LumAppsClient } from "@lumasnip/lumapps";
import type { Logger } from "@lumasnip/service";
import type { SourceConfig } from "../config/load.ts";
import type { SiteInfo } from "../normalize/normalize-content.ts";
import { type Timestamp, timestampOf } from "../normalize/timestamps.ts";
import type { FetcherMetrics } from "../ops/metrics.ts";
import type { SourceState } from "../state/source-state.ts";
import type { Emitter } from "./emitter.ts";
import type { LabelCache } from "./label-cache.ts";
import type { Scope } from "./scopes.ts";

/** Everything the sync steps of one source share. */
export interface SourceContext {
  config: SourceConfig;
  client: LumAppsClient;
  state: SourceState;
  emitter: Emitter;
  labels: LabelCache;
  sites: Map<string, SiteInfo>;
  scopes: Scope[];
  metrics: FetcherMetrics;
  logger: Logger;
  /** aborted on SIGTERM or when the source lock is lost: finish the page in hand, then stop */
  signal: AbortSignal;
  /** ms clock (the simulator's, in tests that move time) */
  now: () => number;
  /** bad items sent to the DLQ by this process (`id|fingerprint`): not sent again */
  dlqSeen: Map<string, string>;
  allowMassDelete: boolean;
  /** when this process last started a reconcile round (successful or not) */
  lastReconcileAttemptAt?: number;
}

export const nowTimestamp = (ctx: Pick<SourceContext, "now">): Timestamp => timestampOf(ctx.now());

export function siteOf(ctx: Pick<SourceContext, "sites">, siteId: string): SiteInfo {
  return ctx.sites.get(siteId) ?? { id: siteId, name: {} };
}
