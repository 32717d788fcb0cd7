import type { DeleteReason } from "@lumasnip/schema";
import type { Markers } from "../normalize/markers.ts";
import type { Timestamp } from "../normalize/timestamps.ts";
import type { ItemEntry } from "../state/types.ts";
import { decideListed } from "./decide.ts";

/** One scope's reconcile listing: every LIVE item it returned, or why it is not complete. */
export type ScopeListing = {
  scope: string;
  items: Map<string, Markers>;
  /** ids listed whose markers could not be read: present, so never deleted, but not compared */
  unreadable: Set<string>;
} & (
  | { complete: true }
  /** failed or broke the paging rule: what was seen may be upserted, nothing may be deleted */
  | { complete: false; error: string }
);

export interface MassDeleteGuard {
  /** share of a scope's live items one round may delete (default 0.1) */
  maxShare: number;
  /** this many deletes are always allowed, whatever the scope's size (default 1) */
  alwaysAllow: number;
  /** `--allow-mass-delete` */
  override: boolean;
}

export interface ScopePlan {
  scope: string;
  complete: boolean;
  live: number;
  /** items to fetch whole and upsert (new, changed version or audience, due) */
  refetch: string[];
  /** listed items no longer to be served (expired, not yet published) */
  withdraw: { id: string; reason: DeleteReason; after: "forget" | "schedule"; at?: Timestamp }[];
  /** items to schedule (LIVE, publicationDate ahead) */
  schedule: { id: string; at: Timestamp }[];
  /** live items missing from the listing: each is checked with content/get before its delete */
  missing: string[];
  /** scheduled entries no longer listed: dropped */
  forget: string[];
  /** the deletes were held back by the mass-delete guard */
  held: boolean;
  deleteLimit: number;
}

export function deleteLimit(live: number, guard: Pick<MassDeleteGuard, "maxShare" | "alwaysAllow">): number {
  return Math.max(guard.alwaysAllow, Math.floor(guard.maxShare * live));
}

/**
 * Plans a reconcile round of one source from its scopes' listings. Deletes stay inside the scope
 * an item was emitted under, and only when that scope's listing is complete and no other complete
 * listing holds the item (it moved). A scope whose deletes would exceed the guard's share deletes
 * nothing (unless overridden) — its upserts still go.
 */
export function planReconcile(
  items: Iterable<[string, ItemEntry]>,
  listings: ScopeListing[],
  now: Timestamp,
  guard: MassDeleteGuard,
): ScopePlan[] {
  const byScope = new Map<string, [string, ItemEntry][]>();
  for (const [id, entry] of items) {
    const list = byScope.get(entry.s) ?? [];
    list.push([id, entry]);
    byScope.set(entry.s, list);
  }
  const listedAnywhere = new Set<string>();
  for (const l of listings) {
    if (!l.complete) continue;
    for (const id of l.items.keys()) listedAnywhere.add(id);
    for (const id of l.unreadable) listedAnywhere.add(id);
  }
  const entryOf = new Map<string, ItemEntry>();
  for (const list of byScope.values()) for (const [id, e] of list) entryOf.set(id, e);

  return listings.map((listing) => {
    const own = byScope.get(listing.scope) ?? [];
    const live = own.filter(([, e]) => e.k === "live").length;
    const plan: ScopePlan = {
      scope: listing.scope,
      complete: listing.complete,
      live,
      refetch: [],
      withdraw: [],
      schedule: [],
      missing: [],
      forget: [],
      held: false,
      deleteLimit: deleteLimit(live, guard),
    };
    for (const [id, markers] of listing.items) {
      const d = decideListed(entryOf.get(id), markers, now);
      if (d.kind === "upsert") plan.refetch.push(id);
      else if (d.kind === "delete")
        plan.withdraw.push({ id, reason: d.reason, after: d.after, ...(d.at ? { at: d.at } : {}) });
      else if (d.kind === "schedule") plan.schedule.push({ id, at: d.at });
      else if (d.kind === "forget") plan.forget.push(id);
    }
    // a partial listing proves nothing about absence: only what it showed (expired, ...) counts
    if (listing.complete) {
      for (const [id, entry] of own) {
        if (listedAnywhere.has(id)) continue;
        if (entry.k === "live") plan.missing.push(id);
        else plan.forget.push(id);
      }
    }
    const deletes = plan.missing.length + plan.withdraw.length;
    if (deletes > plan.deleteLimit && !guard.override) plan.held = true;
    return plan;
  });
}
