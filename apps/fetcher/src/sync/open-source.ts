import { createTokenProvider } from "@lumasnip/auth";
import { createLumAppsClient, type LumAppsClient } from "@lumasnip/lumapps";
import type { SourceConfig } from "../config/load.ts";
import type { FetcherMetrics } from "../ops/metrics.ts";
import { acquireSourceLock } from "../state/source-lock.ts";
import { createSourceState } from "../state/source-state.ts";
import type { SourceContext } from "./context.ts";
import { lockGroupId, type ProcessDeps } from "./deps.ts";
import { createEmitter } from "./emitter.ts";
import { createLabelCache } from "./label-cache.ts";
import { discoverSites, scopesOf } from "./scopes.ts";

export interface OpenSource {
  ctx: SourceContext;
  /** flushes, saves what is left of the state, lets go of the lock */
  close(): Promise<void>;
}

export interface OpenOptions {
  signal: AbortSignal;
  /** give up waiting for the lock after this long (one-shot commands); undefined: wait */
  waitMs?: number | undefined;
  allowMassDelete?: boolean;
}

/** The LumApps client of a source, its calls and token mints counted in the metrics. */
export function sourceClient(
  config: SourceConfig,
  metrics: FetcherMetrics,
  fetchFn?: typeof fetch,
): LumAppsClient {
  const source = config.sourceId;
  const tokens = createTokenProvider(config.connection, {
    ...(fetchFn ? { fetch: fetchFn } : {}),
    onMint: ({ ok }) => metrics.tokenMints.inc({ source, outcome: ok ? "ok" : "failed" }),
  });
  return createLumAppsClient({
    connection: config.connection,
    tokens,
    ...(fetchFn ? { fetch: fetchFn } : {}),
    requestsPerSecond: config.requestsPerSecond,
    timeouts: {
      listMs: config.requestTimeoutSeconds * 1000,
      defaultMs: Math.min(30_000, config.requestTimeoutSeconds * 1000),
    },
    hooks: {
      onRequest: (route, status, ms) => {
        metrics.apiRequests.inc({ source, route, status: String(status) });
        metrics.apiSeconds.observe({ source, route }, ms / 1000);
      },
      onRetry: (route) => metrics.apiRetries.inc({ source, route }),
    },
  });
}

/**
 * Takes the source's lock, loads its state and finds its sites and scopes. Resolves undefined
 * when `signal` aborted while waiting for the lock.
 */
export async function openSource(
  deps: ProcessDeps,
  config: SourceConfig,
  options: OpenOptions,
): Promise<OpenSource | undefined> {
  const logger = deps.logger.child({ sourceId: config.sourceId });
  const lock = await acquireSourceLock({
    kafka: deps.kafka,
    topic: deps.topics.fetcherState,
    groupId: lockGroupId(deps.topicPrefix, config.sourceId),
    sourceId: config.sourceId,
    logger,
    sessionTimeoutMs: deps.lockSessionTimeoutMs,
    signal: options.signal,
    waitMs: options.waitMs,
  });
  if (!lock) return undefined;
  deps.metrics.lockHeld.set({ source: config.sourceId }, 1);
  const release = async () => {
    deps.metrics.lockHeld.set({ source: config.sourceId }, 0);
    await lock.release();
  };
  try {
    const state = createSourceState(config.sourceId, lock.loaded);
    const client = sourceClient(config, deps.metrics, deps.fetch);
    const { sites, unlisted } = await discoverSites(client, config);
    if (unlisted.length > 0)
      logger.warn(
        { sites: unlisted },
        "configured sites the service user cannot list: their content is listed anyway",
      );
    const emitter = createEmitter({
      sourceId: config.sourceId,
      contentTopic: deps.topics.content,
      writer: deps.writer,
      state,
      metrics: deps.metrics,
      logger,
      replay: `fix the item in LumApps (or the fetcher), then: lumasnip-fetcher sync --once --source ${config.sourceId}`,
    });
    const ctx: SourceContext = {
      config,
      client,
      state,
      emitter,
      labels: createLabelCache({
        client,
        state,
        ttlMs: config.labelTtlSeconds * 1000,
        ...(deps.now ? { now: deps.now } : {}),
      }),
      sites,
      scopes: scopesOf(config, [...sites.keys()]),
      metrics: deps.metrics,
      logger,
      signal: AbortSignal.any([options.signal, lock.lost]),
      now: deps.now ?? Date.now,
      dlqSeen: new Map(),
      allowMassDelete: options.allowMassDelete ?? false,
    };
    deps.metrics.liveItems.set({ source: config.sourceId }, liveCount(ctx));
    return {
      ctx,
      async close() {
        try {
          await emitter.flush();
          await deps.stateWriter.write(state.drain());
        } finally {
          await release();
        }
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

export function liveCount(ctx: Pick<SourceContext, "state">): number {
  let n = 0;
  for (const [, e] of ctx.state.items()) if (e.k === "live") n++;
  return n;
}
