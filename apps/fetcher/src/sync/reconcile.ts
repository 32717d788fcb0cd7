import type { LumAppsContent } from "@lumasnip/schema";
import { RECONCILE_FIELDS } from "../normalize/fingerprint.ts";
import { type Markers, readMarkers } from "../normalize/markers.ts";
import { statusReason, visibilityOf } from "../normalize/visibility.ts";
import { scheduledEntry } from "../plan/decide.ts";
import { planReconcile, type ScopeListing, type ScopePlan } from "../plan/reconcile-plan.ts";
import type { ItemEntry } from "../state/types.ts";
import { lookahead, mapSettled } from "./concurrency.ts";
import { nowTimestamp, type SourceContext } from "./context.ts";
import type { Delete } from "./emitter.ts";
import { needsFullSync } from "./full-sync.ts";
import { prepareItems } from "./items.ts";
import { scopeQuery } from "./listing.ts";
import type { Scope } from "./scopes.ts";

export interface ReconcileSummary {
  scopes: {
    scope: string;
    complete: boolean;
    listed: number;
    upserted: number;
    deleted: number;
    held: number;
    error?: string;
  }[];
  /** some scope's deletes were held back by the mass-delete guard */
  held: boolean;
}

/** Every LIVE id of a scope with its change markers; a failure or broken paging marks it partial. */
async function listScope(ctx: SourceContext, scope: Scope): Promise<ScopeListing> {
  const items = new Map<string, Markers>();
  const unreadable = new Set<string>();
  // an unreadable item still proves it exists
  const keep = (id: string | undefined) => {
    if (id) unreadable.add(id);
  };
  try {
    for await (const page of lookahead(
      ctx.client.listContent(scopeQuery(ctx, scope, { fields: RECONCILE_FIELDS })),
    )) {
      ctx.metrics.itemsListed.inc(
        { source: ctx.state.sourceId, scope: scope.id, mode: "reconcile" },
        page.items.length,
      );
      for (const raw of page.items) {
        const read = readMarkers(raw, ctx.config.emptyAudience);
        if (read.ok) items.set(read.markers.id, read.markers);
        else keep(read.contentId);
      }
      for (const bad of page.invalid) keep(bad.id);
    }
    return { scope: scope.id, complete: true, items, unreadable };
  } catch (error) {
    return { scope: scope.id, complete: false, items, unreadable, error: (error as Error).message };
  }
}

/**
 * One reconcile round of a source: list every scope's LIVE ids, plan (plan/reconcile-plan.ts),
 * then carry the plan out. Before a missing item is deleted it is fetched once: that gives the
 * delete its reason and catches an item a listing skipped because it was edited meanwhile.
 */
export async function reconcileSource(ctx: SourceContext): Promise<ReconcileSummary> {
  const scopes = ctx.scopes.filter((s) => !needsFullSync(ctx, s));
  const settled = await mapSettled(scopes, ctx.config.scopeConcurrency, (scope) => listScope(ctx, scope));
  const listings = settled.map((r, i) =>
    r.status === "fulfilled"
      ? r.value
      : ({
          scope: scopes[i]!.id,
          complete: false,
          items: new Map(),
          unreadable: new Set(),
          error: String(r.reason),
        } as ScopeListing),
  );
  const plans = planReconcile(ctx.state.items(), listings, nowTimestamp(ctx), {
    ...ctx.config.massDelete,
    override: ctx.allowMassDelete,
  });
  const summary: ReconcileSummary = { scopes: [], held: false };
  for (const [i, plan] of plans.entries()) {
    if (ctx.signal.aborted) break;
    const listing = listings[i]!;
    const scope = scopes[i]!;
    const done = await carryOut(ctx, scope, plan, listing);
    summary.scopes.push({ ...done, ...(listing.complete ? {} : { error: listing.error }) });
    if (done.held > 0) summary.held = true;
  }
  return summary;
}

async function carryOut(ctx: SourceContext, scope: Scope, plan: ScopePlan, listing: ScopeListing) {
  const log = ctx.logger.child({ scope: scope.id, mode: "reconcile" });
  const labels = { source: ctx.state.sourceId, scope: scope.id };
  const out = {
    scope: scope.id,
    complete: plan.complete,
    listed: listing.items.size,
    upserted: 0,
    deleted: 0,
    held: 0,
  };
  const entries: [string, ItemEntry | undefined][] = plan.forget.map((id) => [id, undefined]);
  for (const { id, at } of plan.schedule)
    entries.push([id, scheduledEntry(scope.id, listing.items.get(id)!, at)]);
  if (entries.length > 0) await ctx.emitter.commit({ entries });

  // fetched whole: new, changed, or missing from the listing (checked before any delete) — also
  // when the guard holds, because what the service user can no longer read is withdrawn anyway
  const toFetch = [...plan.refetch, ...plan.missing];
  let heldBack = plan.held ? plan.withdraw.length : 0;
  let withdrawnOverGuard = 0;
  const missing = new Set(plan.missing);
  const deletes: Delete[] = plan.held
    ? []
    : plan.withdraw.map((w) => ({
        id: w.id,
        reason: w.reason,
        lastVersion: ctx.state.item(w.id)?.v,
        next:
          w.after === "schedule" && w.at
            ? scheduledEntry(scope.id, listing.items.get(w.id)!, w.at)
            : undefined,
      }));
  const fetched: LumAppsContent[] = [];
  const flush = async () => {
    const prepared = await prepareItems(ctx, scope, fetched.splice(0), []);
    const batch = deletes.splice(0);
    const r = await ctx.emitter.commit({
      ...prepared.commit,
      deletes: [...prepared.commit.deletes, ...batch],
    });
    out.upserted += r.upserted;
    out.deleted += r.deleted;
  };
  for (const id of toFetch) {
    if (ctx.signal.aborted) break;
    const content = await ctx.client.getContent(id);
    const entry = ctx.state.item(id);
    if (missing.has(id)) {
      const verdict = missingVerdict(ctx, scope, content);
      if (verdict === "present") fetched.push(content!);
      else if (verdict !== "unknown" && entry?.k === "live") {
        // "deleted" = content/get answered 404: the service user cannot read it any more (deleted,
        // or restricted to groups it is not in). Holding it back would keep serving text whose
        // audience we no longer know, so the guard never holds these (docs/fetcher.md#reconcile).
        if (!plan.held || verdict === "deleted") {
          deletes.push({ id, reason: verdict, lastVersion: entry.v });
          if (plan.held) withdrawnOverGuard++;
        } else heldBack++;
      }
    } else if (content) fetched.push(content);
    if (fetched.length + deletes.length >= ctx.config.pageSize) await flush();
  }
  await flush();

  if (plan.held && withdrawnOverGuard > 0) {
    log.error(
      { withdrawn: withdrawnOverGuard, live: plan.live, limit: plan.deleteLimit },
      "WITHDRAWN OVER THE MASS-DELETE GUARD: the service user can no longer read these contents (deleted, or restricted to groups it is not in); they are never held back",
    );
  }
  if (heldBack > 0) {
    out.held = heldBack;
    ctx.metrics.deletesHeld.set(labels, heldBack);
    ctx.metrics.deletesHeldTotal.inc(labels, heldBack);
    log.error(
      {
        wouldDelete: heldBack,
        live: plan.live,
        limit: plan.deleteLimit,
        share: ctx.config.massDelete.maxShare,
      },
      "MASS DELETE HELD BACK: this reconcile would delete more than the allowed share of the scope; these (still readable: archived, unpublished, expired, moved) were not deleted. Check LumApps, then run `reconcile --allow-mass-delete` if it is right",
    );
  } else ctx.metrics.deletesHeld.set(labels, 0);
  if (plan.complete) {
    await ctx.emitter.commit({
      scope: { id: scope.id, patch: { lastReconcileAt: new Date(ctx.now()).toISOString() } },
    });
    ctx.metrics.lastReconcile.set(labels, Date.now() / 1000);
  } else {
    ctx.metrics.failures.inc({ source: ctx.state.sourceId, mode: "reconcile" });
    log.warn(
      { error: "error" in listing ? listing.error : undefined, listed: listing.items.size },
      "reconcile listing incomplete: nothing deleted in this scope",
    );
  }
  log.info(out, "reconcile of scope done");
  return out;
}

/** Why a live item a complete listing no longer shows is gone — or that it is not. */
function missingVerdict(
  ctx: SourceContext,
  scope: Scope,
  content: LumAppsContent | undefined,
): "present" | "unknown" | Delete["reason"] {
  if (!content) return "deleted";
  const read = readMarkers(content, ctx.config.emptyAudience);
  if (!read.ok) return "unknown";
  const m = read.markers;
  if (m.status !== "LIVE") return statusReason(m.status);
  const visibility = visibilityOf(m, nowTimestamp(ctx));
  if (visibility.kind === "gone") return visibility.reason;
  if (visibility.kind === "scheduled") return "unpublished";
  const sameScope =
    (content.instance ?? scope.siteId) === scope.siteId && (content.type ?? scope.type) === scope.type;
  return sameScope ? "present" : "not_visible";
}
