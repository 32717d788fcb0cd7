import { createHash } from "node:crypto";
import type { LumAppsClient } from "@lumasnip/lumapps";
import { collectItems } from "@lumasnip/lumapps";
import { type LangMap, type LumAppsMetadata, langMapToBcp47 } from "@lumasnip/schema";
import type { LabelLookup, MetadataLabels } from "../normalize/tags.ts";
import type { SourceState } from "../state/source-state.ts";
import type { ItemEntry } from "../state/types.ts";
import { mapSettled } from "./concurrency.ts";

/**
 * Metadata and content-type labels, cached with an expiry. The state keeps a fingerprint of each
 * label last emitted; a fetched label that differs is a rename, and the contents carrying it must
 * be emitted again (`takeRenamed`). Renames made while the fetcher was down are found by the
 * first refresh after a start, which lists every label.
 */
export interface LabelCache extends LabelLookup {
  /** fetches what is missing or expired for these ids (before normalizing items that carry them) */
  ensure(input: {
    metadataIds: Iterable<string>;
    contentTypeIds: Iterable<string>;
    siteIds: Iterable<string>;
  }): Promise<void>;
  /** lists every label again once the cache expired; renames show in `takeRenamed` */
  refreshExpired(siteIds: Iterable<string>): Promise<void>;
  /** label keys (`metadata:<id>`, `content-type:<id>`) renamed since the last call */
  takeRenamed(): string[];
}

interface Cached<T> {
  value: T | undefined;
  expiresAt: number;
}

export const labelFingerprint = (labels: unknown) =>
  createHash("sha256")
    .update(JSON.stringify(labels ?? null))
    .digest("base64url")
    .slice(0, 12);

export function createLabelCache(options: {
  client: LumAppsClient;
  state: SourceState;
  ttlMs: number;
  now?: () => number;
}): LabelCache {
  const { client, state, ttlMs } = options;
  const now = options.now ?? Date.now;
  const metadata = new Map<string, Cached<MetadataLabels>>();
  const contentTypes = new Map<string, LangMap>();
  const siteTypesUntil = new Map<string, number>();
  let listedUntil = 0;
  const renamed = new Set<string>();
  const fresh = (until: number | undefined) => until !== undefined && until > now();

  // a cached label is one object until it is fetched again: hash it once, not for every item
  const fingerprints = new WeakMap<object, string>();
  const fingerprintOf = (labels: unknown) => {
    if (!labels || typeof labels !== "object") return labelFingerprint(labels);
    let fp = fingerprints.get(labels);
    if (fp === undefined) {
      fp = labelFingerprint(labels);
      fingerprints.set(labels, fp);
    }
    return fp;
  };

  /** records the label as emitted; a different earlier fingerprint is a rename */
  const note = (key: string, labels: unknown, onlyKnown = false) => {
    const before = state.label(key);
    if (onlyKnown && before === undefined) return;
    const fp = fingerprintOf(labels);
    if (before !== undefined && before !== fp) {
      renamed.add(key);
      // flagged in the same state write as the new fingerprint: a crash cannot lose the rename
      flagCarriers(state, key);
    }
    state.setLabel(key, fp);
  };

  const labelsOf = (meta: LumAppsMetadata, family: LumAppsMetadata | undefined): MetadataLabels => ({
    labels: langMapToBcp47(meta.name),
    ...(family && family.id !== meta.id
      ? { family: { id: family.id, labels: langMapToBcp47(family.name) } }
      : {}),
  });
  const familyIdOf = (meta: LumAppsMetadata) => meta.familyKey || meta.parent || undefined;

  async function fetchMetadata(id: string): Promise<void> {
    const meta = await client.getMetadata(id);
    const familyId = meta ? familyIdOf(meta) : undefined;
    const family = familyId && familyId !== id ? await client.getMetadata(familyId) : undefined;
    const value = meta ? labelsOf(meta, family) : undefined;
    metadata.set(id, { value, expiresAt: now() + ttlMs });
    note(`metadata:${id}`, value);
  }

  async function fetchContentTypes(siteId: string): Promise<void> {
    for (const t of await collectItems(client.listContentTypes(siteId))) {
      const labels = langMapToBcp47(t.name);
      contentTypes.set(t.id, labels);
      note(`content-type:${t.id}`, labels, true);
    }
    siteTypesUntil.set(siteId, now() + ttlMs);
  }

  async function listAllMetadata(): Promise<void> {
    const all = new Map((await collectItems(client.listMetadata())).map((m) => [m.id, m]));
    const until = now() + ttlMs;
    for (const [id, meta] of all) {
      const familyId = familyIdOf(meta);
      const value = labelsOf(meta, familyId ? all.get(familyId) : undefined);
      metadata.set(id, { value, expiresAt: until });
      note(`metadata:${id}`, value, true);
    }
    listedUntil = until;
  }

  return {
    metadata: (id) => metadata.get(id)?.value,
    contentType: (id) => contentTypes.get(id),
    async ensure({ metadataIds, contentTypeIds, siteIds }) {
      const typeIds = [...new Set(contentTypeIds)];
      for (const siteId of new Set(siteIds)) {
        if (
          !fresh(siteTypesUntil.get(siteId)) &&
          (!siteTypesUntil.has(siteId) || typeIds.some((t) => !contentTypes.has(t)))
        ) {
          await fetchContentTypes(siteId);
        }
      }
      for (const id of typeIds) if (contentTypes.has(id)) note(`content-type:${id}`, contentTypes.get(id));
      for (const id of new Set(metadataIds)) {
        const cached = metadata.get(id);
        if (!fresh(cached?.expiresAt)) await fetchMetadata(id);
        else if (state.label(`metadata:${id}`) === undefined) note(`metadata:${id}`, cached?.value);
      }
    },
    async refreshExpired(siteIds) {
      // the sites' content types and the metadata listing at once: a full sync waits for them
      const due = [...siteIds].filter((siteId) => !fresh(siteTypesUntil.get(siteId)));
      const [types] = await Promise.all([
        mapSettled(due, 4, fetchContentTypes),
        fresh(listedUntil) ? undefined : listAllMetadata(),
      ]);
      const failed = types.find((r) => r.status === "rejected");
      if (failed) throw failed.reason;
    },
    takeRenamed() {
      const out = [...renamed];
      renamed.clear();
      return out;
    },
  };
}

/** Flags the live items carrying the label `key`, so the next poll cycles emit them again. */
export function flagCarriers(state: SourceState, key: string): number {
  const [kind, id] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
  const carries = (entry: ItemEntry) =>
    entry.k === "live" &&
    (kind === "metadata" ? entry.m?.includes(id) : kind === "content-type" && entry.t === id);
  let flagged = 0;
  for (const [itemId, entry] of [...state.items()]) {
    if (entry.r || !carries(entry)) continue;
    state.setItem(itemId, { ...entry, r: true });
    flagged++;
  }
  // a commit under way was built before this rename: the entry it applies must stay flagged
  // (else the item keeps the old label until it next changes)
  for (const [itemId, entry] of [...state.pendingItems()]) {
    if (entry.r || !carries(entry)) continue;
    state.flagPending(itemId);
    flagged++;
  }
  return flagged;
}
