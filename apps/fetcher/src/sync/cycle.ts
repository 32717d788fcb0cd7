import { createProgress } from "@lumasnip/service";
import { mapSettled } from "./concurrency.ts";
import type { SourceContext } from "./context.ts";
import { processDue } from "./due.ts";
import { needsFullSync } from "./full-sync.ts";
import { runFullSyncPhase } from "./full-sync-phase.ts";
import { liveCount } from "./open-source.ts";
import { pollScope } from "./poll.ts";
import { type ReconcileSummary, reconcileSource } from "./reconcile.ts";
import { discoverSites, scopesOf } from "./scopes.ts";

export interface CycleOptions {
  /** "auto": when the interval has passed */
  reconcile: "auto" | "never" | "now";
  /** list every scope from the start again (`sync --full`) */
  fullRestart?: boolean;
}

export interface CycleResult {
  ok: boolean;
  failures: string[];
  reconcile?: ReconcileSummary;
}

/**
 * One cycle of a source: unfinished full syncs, then an incremental poll of every synced scope,
 * label refresh and date-driven work, and a reconcile when it is due. A failing scope or step is
 * logged and left for the next cycle; the others go on.
 */
export async function runCycle(ctx: SourceContext, options: CycleOptions): Promise<CycleResult> {
  const failures: string[] = [];
  const source = ctx.state.sourceId;
  const fail = (mode: string, scope: string | undefined, error: unknown) => {
    failures.push(`${mode}${scope ? ` ${scope}` : ""}: ${(error as Error).message}`);
    ctx.metrics.failures.inc({ source, mode });
    ctx.logger.error({ err: error, mode, scope }, `${mode} failed; retried next cycle`);
  };
  const started = Date.now();
  const cpuStart = process.cpuUsage();
  const commitsBefore = ctx.emitter.stats();

  const pending = options.fullRestart ? ctx.scopes : ctx.scopes.filter((s) => needsFullSync(ctx, s));
  if (pending.length > 0) {
    const listedBefore = await listingSeconds(ctx);
    try {
      // every label in a few listings up front, rather than a metadata/get per new id on the
      // listings' critical path (the demo seed's first pages waited for 64 of them)
      await ctx.labels.refreshExpired(ctx.sites.keys());
    } catch (error) {
      ctx.logger.warn({ err: error }, "labels could not be listed before the full sync: fetched as met");
    }
    const progress = createProgress(ctx.logger, { label: `full sync of ${source}`, intervalMs: 10_000 });
    const done = await runFullSyncPhase(ctx, pending, { restart: options.fullRestart ?? false, progress });
    progress.stop();
    ctx.logger.info(
      {
        scopes: pending.length,
        failed: done.filter((r) => r.status === "rejected").length,
        ms: Date.now() - started,
        // the process's CPU time (user + system) over the phase: robust to a busy machine
        cpuMs: Math.round(cpuMs(process.cpuUsage(cpuStart))),
        // the commit queue (events, then state, one page at a time) was busy this long
        commitMs: Math.round(ctx.emitter.stats().busyMs - commitsBefore.busyMs),
        commits: ctx.emitter.stats().commits - commitsBefore.commits,
        // what a content/list call took as seen from here (the body read included), on average
        listMs: await listingSeconds(ctx).then((after) =>
          Math.round(((after.sum - listedBefore.sum) / Math.max(1, after.count - listedBefore.count)) * 1000),
        ),
      },
      "full sync phase done",
    );
    for (const [i, r] of done.entries())
      if (r.status === "rejected") fail("full sync", pending[i]!.id, r.reason);
  }
  if (ctx.signal.aborted) return { ok: failures.length === 0, failures };

  const synced = ctx.scopes.filter((s) => !needsFullSync(ctx, s) && !pending.includes(s));
  const polls = await mapSettled(synced, ctx.config.scopeConcurrency, (s) => pollScope(ctx, s));
  let pages = 0;
  let upserted = 0;
  let deleted = 0;
  for (const [i, r] of polls.entries()) {
    if (r.status === "rejected") {
      fail("poll", synced[i]!.id, r.reason);
      continue;
    }
    pages += r.value.pages;
    upserted += r.value.upserted;
    deleted += r.value.deleted;
  }
  if (ctx.signal.aborted) return { ok: failures.length === 0, failures };

  try {
    await ctx.labels.refreshExpired(ctx.sites.keys());
    await processDue(ctx);
  } catch (error) {
    fail("labels and dates", undefined, error);
  }

  let reconcile: ReconcileSummary | undefined;
  if (options.reconcile === "now" || (options.reconcile === "auto" && reconcileDue(ctx))) {
    ctx.lastReconcileAttemptAt = ctx.now();
    try {
      await refreshSites(ctx);
      reconcile = await reconcileSource(ctx);
      for (const s of reconcile.scopes)
        if (!s.complete) failures.push(`reconcile ${s.scope}: ${s.error ?? "incomplete"}`);
    } catch (error) {
      fail("reconcile", undefined, error);
    }
  }
  ctx.metrics.liveItems.set({ source }, liveCount(ctx));
  ctx.logger.info(
    {
      scopes: ctx.scopes.length,
      fullSynced: pending.length,
      polled: synced.length,
      pages,
      upserted,
      deleted,
      failures: failures.length,
      ms: Date.now() - started,
    },
    "cycle done",
  );
  return { ok: failures.length === 0, failures, ...(reconcile ? { reconcile } : {}) };
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

/** The source's content/list calls so far: their count and total seconds (the latency histogram). */
async function listingSeconds(ctx: SourceContext): Promise<{ sum: number; count: number }> {
  const out = { sum: 0, count: 0 };
  for (const v of (await ctx.metrics.apiSeconds.get()).values) {
    if (v.labels.route !== "content/list" || v.labels.source !== ctx.state.sourceId) continue;
    if (v.metricName?.endsWith("_sum")) out.sum += v.value;
    if (v.metricName?.endsWith("_count")) out.count += v.value;
  }
  return out;
}

/** True when the oldest reconcile (or full sync) of the synced scopes is an interval old. */
export function reconcileDue(ctx: SourceContext): boolean {
  const intervalMs = ctx.config.reconcileIntervalSeconds * 1000;
  const synced = ctx.scopes.filter((s) => !needsFullSync(ctx, s));
  if (synced.length === 0) return false;
  const last = Math.min(
    ...synced.map((s) => {
      const st = ctx.state.scope(s.id);
      return Date.parse(st.lastReconcileAt ?? st.fullSyncDoneAt ?? "") || 0;
    }),
  );
  // a scope whose listing keeps failing must not turn every cycle into a full listing
  const retryMs = Math.min(intervalMs, 5 * 60_000);
  return ctx.now() - last >= intervalMs && ctx.now() - (ctx.lastReconcileAttemptAt ?? 0) >= retryMs;
}

/** Sites may come and go ("all"): scopes follow before each reconcile. */
async function refreshSites(ctx: SourceContext): Promise<void> {
  if (ctx.config.sites !== "all") return;
  const { sites } = await discoverSites(ctx.client, ctx.config);
  ctx.sites = sites;
  ctx.scopes = scopesOf(ctx.config, [...sites.keys()]);
}
