import { z } from "zod";

/**
 * What the fetcher knows of one item. `live`: emitted and not deleted since. `scheduled`: LIVE in
 * LumApps but its publicationDate is ahead, so nothing was emitted yet (or it was withdrawn).
 * `rejected`: sent to the DLQ as unreadable (`a` fingerprints the reason and the item's dates,
 * so the same bad item is not sent again after a restart).
 */
export const ItemEntrySchema = z.object({
  k: z.enum(["live", "scheduled", "rejected"]),
  /** the scope (scopes.ts) it was listed under: deletes never cross scopes */
  s: z.string(),
  /** version and updatedAt last emitted */
  v: z.number().int().nonnegative(),
  u: z.string(),
  /** audience fingerprint last emitted (fingerprint.ts) */
  a: z.string(),
  /** endDate (live: when it expires) / publicationDate (scheduled: when it is due) */
  e: z.string().optional(),
  p: z.string().optional(),
  /** metadata ids and content type id its tags came from: a renamed label re-emits it */
  m: z.array(z.string()).optional(),
  t: z.string().optional(),
  /** emit again at the next poll: a label it carries was renamed */
  r: z.literal(true).optional(),
});
export type ItemEntry = z.infer<typeof ItemEntrySchema>;

export const FullSyncProgressSchema = z.object({
  /** resume the listing after this cursor (absent: from the start) */
  cursor: z.string().optional(),
  /**
   * newest updatedAt the listing met: the watermark once the sync is done (newest-first: its
   * first item); for the oldest-first listing, how far up it has covered
   */
  newest: z.string().optional(),
  /** oldest updatedAt the newest-first listing met: how far down it has covered */
  oldest: z.string().optional(),
  pages: z.number().int().nonnegative(),
  items: z.number().int().nonnegative(),
  startedAt: z.string(),
});
export type FullSyncProgress = z.infer<typeof FullSyncProgressSchema>;

export const ScopeStateSchema = z.object({
  /** newest updatedAt emitted and acknowledged by Kafka */
  watermark: z.string().optional(),
  /** present while a full sync of the scope is under way */
  fullSync: FullSyncProgressSchema.optional(),
  /** the second listing of the full sync, from the oldest end (`+updatedAt`), once one joined */
  fullSyncUp: FullSyncProgressSchema.optional(),
  fullSyncDoneAt: z.string().optional(),
  lastPollAt: z.string().optional(),
  lastReconcileAt: z.string().optional(),
});
export type ScopeState = z.infer<typeof ScopeStateSchema>;

export const STATE_VERSION = 1;

/** The per-source header record: scopes' watermarks and cursors, and label fingerprints. */
export const StateHeaderSchema = z.object({
  v: z.literal(STATE_VERSION),
  kind: z.literal("fetcher.state"),
  sourceId: z.string(),
  savedAt: z.string(),
  scopes: z.record(z.string(), ScopeStateSchema),
  /** `metadata:<id>` / `content-type:<id>` -> fingerprint of the labels last emitted */
  labels: z.record(z.string(), z.string()),
});
export type StateHeader = z.infer<typeof StateHeaderSchema>;

/** The state of one source as loaded: the header and every item entry. */
export interface LoadedState {
  header: StateHeader | undefined;
  items: Map<string, ItemEntry>;
}
