import type { DeleteReason } from "@lumasnip/schema";
import type { Markers } from "../normalize/markers.ts";
import type { Timestamp } from "../normalize/timestamps.ts";
import { visibilityOf } from "../normalize/visibility.ts";
import type { ItemEntry } from "../state/types.ts";

export type Decision =
  /** changed, new, or newly due: emit an upsert */
  | { kind: "upsert" }
  /** what was emitted is still current: nothing to send (the poll's overlap lands here) */
  | { kind: "unchanged" }
  /** was emitted, no longer to be served */
  | { kind: "delete"; reason: DeleteReason; after: "forget" | "schedule"; at?: Timestamp }
  /** LIVE but not published yet: remember when it is due */
  | { kind: "schedule"; at: Timestamp }
  /** not served and never emitted: drop any scheduled entry */
  | { kind: "forget" };

/**
 * What to do with an item a listing returned, given what was last emitted for it. Change is
 * judged on the live top-level `version`, `updatedAt` and the audience fingerprint (an audience
 * may change without a new `updatedAt`).
 */
export function decideListed(entry: ItemEntry | undefined, markers: Markers, now: Timestamp): Decision {
  const visibility = visibilityOf(markers, now);
  const live = entry?.k === "live";
  if (visibility.kind === "live") {
    if (!live) return { kind: "upsert" };
    const same = entry.v === markers.version && entry.u === markers.updatedAt && entry.a === markers.audience;
    return same ? { kind: "unchanged" } : { kind: "upsert" };
  }
  if (visibility.kind === "scheduled") {
    if (live) return { kind: "delete", reason: "unpublished", after: "schedule", at: visibility.at };
    if (entry?.k === "scheduled" && entry.p === visibility.at && entry.v === markers.version)
      return { kind: "unchanged" };
    return { kind: "schedule", at: visibility.at };
  }
  if (live) return { kind: "delete", reason: visibility.reason, after: "forget" };
  return entry ? { kind: "forget" } : { kind: "unchanged" };
}

/** The entry to keep after an upsert of `markers` under `scope`. */
export function liveEntry(scope: string, markers: Markers): ItemEntry {
  return {
    k: "live",
    s: scope,
    v: markers.version,
    u: markers.updatedAt,
    a: markers.audience,
    ...(markers.endDate ? { e: markers.endDate } : {}),
    ...(markers.metadataIds.length > 0 ? { m: markers.metadataIds } : {}),
    ...(markers.contentTypeId ? { t: markers.contentTypeId } : {}),
  };
}

export function scheduledEntry(scope: string, markers: Markers, at: Timestamp): ItemEntry {
  return { k: "scheduled", s: scope, v: markers.version, u: markers.updatedAt, a: markers.audience, p: at };
}

/** Live items whose endDate has passed, and scheduled items whose publicationDate has come. */
export function dueByDate(
  items: Iterable<[string, ItemEntry]>,
  now: Timestamp,
): { expired: string[]; due: string[] } {
  const expired: string[] = [];
  const due: string[] = [];
  for (const [id, e] of items) {
    if (e.k === "live" && e.e !== undefined && e.e <= now) expired.push(id);
    else if (e.k === "scheduled" && e.p !== undefined && e.p <= now) due.push(id);
  }
  return { expired, due };
}
