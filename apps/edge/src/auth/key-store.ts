import { generateApiKey, hashApiKey } from "@lumasnip/auth/api-keys";
import {
  type ApiKeyCreate,
  type ApiKeyInfo,
  type ApiKeyRecord,
  kvKeys,
  normalizeAudience,
} from "@lumasnip/schema";
import type { KvStore } from "../kv/store.ts";

/**
 * Last-used times live beside the record, under their own key: a last-used write racing a revoke
 * on the same key could otherwise bring a revoked key back.
 */
export const lastUsedKey = (keyHash: string) => `ku:${keyHash}`;
/** A key's public id: the start of its hash, so a revoke finds the record with one prefix list. */
export const KEY_ID_PATTERN = /^[0-9a-f]{16}$/;

interface Cached {
  record: ApiKeyRecord | null;
  lastUsedMs: number;
  expires: number;
}

// Per isolate; bounded so a flood of random keys cannot grow it without end.
const cache = new Map<string, Cached>();
const CACHE_MAX = 2000;

export interface FoundKey {
  record: ApiKeyRecord;
  /** true when the caller should record a use now (at most once per interval) */
  touch: boolean;
}

/** Looks a presented key's hash up: from the isolate cache, else one bulk get (record + last use). */
export async function findKey(
  kv: KvStore,
  keyHash: string,
  opts: { now: number; cacheMs: number; lastUsedIntervalMs: number },
): Promise<FoundKey | null> {
  let hit = cache.get(keyHash);
  if (!hit || hit.expires <= opts.now) {
    const got = await kv.getMany<unknown>([kvKeys.apiKey(keyHash), lastUsedKey(keyHash)]);
    const record = (got.get(kvKeys.apiKey(keyHash)) as ApiKeyRecord | null) ?? null;
    const lastUsed = got.get(lastUsedKey(keyHash));
    const lastUsedMs = typeof lastUsed === "string" ? Date.parse(lastUsed) || 0 : 0;
    hit = {
      record,
      lastUsedMs: Math.max(lastUsedMs, hit?.lastUsedMs ?? 0),
      expires: opts.now + opts.cacheMs,
    };
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
    cache.set(keyHash, hit);
  }
  if (!hit.record || hit.record.revokedAt) return null;
  const touch = opts.now - hit.lastUsedMs >= opts.lastUsedIntervalMs;
  if (touch) hit.lastUsedMs = opts.now;
  return { record: hit.record, touch };
}

export async function recordUse(kv: KvStore, keyHash: string, now: number): Promise<void> {
  await kv.put(lastUsedKey(keyHash), new Date(now).toISOString());
}

export function forgetKey(keyHash: string): void {
  cache.delete(keyHash);
}

export async function createKey(
  kv: KvStore,
  input: ApiKeyCreate,
  now: number,
): Promise<ApiKeyRecord & { key: string }> {
  const key = generateApiKey();
  const keyHash = await hashApiKey(key);
  const record: ApiKeyRecord = {
    id: keyHash.slice(0, 16),
    name: input.name,
    audiences: normalizeAudience(input.audiences),
    scopes: [...new Set(input.scopes)],
    trusted: input.trusted,
    createdAt: new Date(now).toISOString(),
  };
  await kv.put(kvKeys.apiKey(keyHash), record);
  return { ...record, key };
}

async function allKeyNames(kv: KvStore, prefix: string): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await kv.list(prefix, { cursor });
    names.push(...page.names);
    cursor = page.cursor;
  } while (cursor && kv.remaining(50) > 0);
  return names;
}

export async function listKeys(kv: KvStore): Promise<ApiKeyInfo[]> {
  const names = await allKeyNames(kv, kvKeys.apiKeyPrefix());
  const hashes = names.map((n) => n.slice(kvKeys.apiKeyPrefix().length));
  const got = await kv.getMany<unknown>([...names, ...hashes.map(lastUsedKey)]);
  const out: ApiKeyInfo[] = [];
  for (const h of hashes) {
    const record = got.get(kvKeys.apiKey(h)) as ApiKeyRecord | null;
    if (!record) continue;
    const lastUsed = got.get(lastUsedKey(h));
    out.push(typeof lastUsed === "string" ? { ...record, lastUsedAt: lastUsed } : record);
  }
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** Marks the key revoked (the record stays, for the audit trail); false when no key has this id. */
export async function revokeKey(kv: KvStore, id: string, now: number): Promise<boolean> {
  const names = await allKeyNames(kv, kvKeys.apiKey(id));
  if (names.length === 0) return false;
  for (const name of names) {
    const record = await kv.get<ApiKeyRecord>(name);
    if (!record) continue;
    if (!record.revokedAt) await kv.put(name, { ...record, revokedAt: new Date(now).toISOString() });
    forgetKey(name.slice(kvKeys.apiKeyPrefix().length));
  }
  return true;
}
