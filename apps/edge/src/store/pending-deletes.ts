import { kvKeys, type Manifest } from "@lumasnip/schema";
import type { KvStore } from "../kv/store.ts";

/** A delayed delete of snippets a manifest dropped (or of a deleted content's snippets). */
export interface PendingDelete {
  key: string;
  version: number;
  ids: string[];
}

const PENDING = /^g:(\d{15}):(.+):(\d+)$/;

export function parsePendingKey(
  name: string,
): { dueMs: number; contentKey: string; version: number } | undefined {
  const m = PENDING.exec(name);
  return m ? { dueMs: Number(m[1]), contentKey: m[2] as string, version: Number(m[3]) } : undefined;
}

export async function schedulePendingDelete(
  kv: KvStore,
  record: PendingDelete,
  dueMs: number,
): Promise<void> {
  if (record.ids.length === 0) return;
  await kv.put(kvKeys.pendingDelete(dueMs, record.key, record.version), record);
}

/** The pending-delete keys, oldest due first (one KV list). */
export async function listPending(kv: KvStore): Promise<string[]> {
  return (await kv.list(kvKeys.pendingDeletePrefix())).names;
}

/**
 * Takes freshly written snippet ids out of the content's pending deletes: a snippet a publisher
 * writes again (an edit undone within the grace period) must not be collected before its commit.
 */
export async function cancelPending(
  kv: KvStore,
  pending: readonly string[],
  contentKey: string,
  written: ReadonlySet<string>,
): Promise<void> {
  const mine = pending.filter((n) => parsePendingKey(n)?.contentKey === contentKey);
  if (mine.length === 0) return;
  const records = await kv.getMany<PendingDelete>(mine);
  for (const name of mine) {
    const r = records.get(name);
    if (!r?.ids.some((id) => written.has(id))) continue;
    const ids = r.ids.filter((id) => !written.has(id));
    if (ids.length === 0) await kv.delete(name);
    else await kv.put(name, { ...r, ids });
  }
}

const DELETE_PARALLELISM = 50;

async function deleteAll(kv: KvStore, keys: readonly string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += DELETE_PARALLELISM) {
    await Promise.all(keys.slice(i, i + DELETE_PARALLELISM).map((k) => kv.delete(k)));
  }
}

/**
 * Deletes the snippets of due pending deletes within `budget` KV operations. Ids the content's
 * current manifest references again are kept, so a re-added snippet is never collected. A record
 * too big for the budget is cut down and finished by the next call.
 */
export async function collectGarbage(
  kv: KvStore,
  now: number,
  budget: number,
  pending?: readonly string[],
): Promise<{ deleted: number; remaining: number }> {
  const start = kv.ops;
  const spent = () => kv.ops - start;
  const names = pending ?? (budget > 1 ? await listPending(kv) : []);
  const due = names.filter((n) => (parsePendingKey(n)?.dueMs ?? Number.POSITIVE_INFINITY) <= now);
  let deleted = 0;
  let done = 0;
  for (let i = 0; i < due.length; i += 100) {
    if (budget - spent() < 4) break;
    const batch = due.slice(i, i + 100);
    const records = await kv.getMany<PendingDelete>(batch);
    const contentKeys = [
      ...new Set([...records.values()].filter((r) => r !== null).map((r) => (r as PendingDelete).key)),
    ];
    const manifests = await kv.getMany<Manifest>(contentKeys.map(kvKeys.manifest));
    for (const name of batch) {
      const left = budget - spent();
      if (left < 2) break;
      const r = records.get(name);
      if (!r) {
        await kv.delete(name);
        done++;
        continue;
      }
      const current = manifests.get(kvKeys.manifest(r.key));
      const kept = new Set(current ? current.languages.flatMap((l) => l.snippetIds) : []);
      const stale = r.ids.filter((id) => !kept.has(id));
      if (stale.length + 1 > left) {
        const part = stale.slice(0, left - 1);
        await deleteAll(kv, part.map(kvKeys.snippet));
        await kv.put(name, { ...r, ids: stale.slice(part.length) });
        deleted += part.length;
        break;
      }
      await deleteAll(kv, stale.map(kvKeys.snippet));
      await kv.delete(name);
      deleted += stale.length;
      done++;
    }
  }
  return { deleted, remaining: due.length - done };
}
