import { kvKeys, type Manifest } from "@lumasnip/schema";
import type { KvStore } from "../kv/store.ts";

interface Entry {
  manifest: Manifest | null;
  expires: number;
}

// Per isolate, bounded. KV itself serves reads from its edge cache for up to 60 s, so a few
// seconds more here do not change what a reader may see, and the hottest read becomes free.
const cache = new Map<string, Entry>();
const MAX_ENTRIES = 1000;

/** The manifest of a content: from the isolate cache while fresh, else one KV read. */
export async function readManifest(
  kv: KvStore,
  key: string,
  ttlMs: number,
  now = Date.now(),
): Promise<Manifest | null> {
  const hit = cache.get(key);
  if (hit && hit.expires > now) return hit.manifest;
  const manifest = await kv.get<Manifest>(kvKeys.manifest(key));
  if (ttlMs > 0) {
    cache.delete(key);
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(key, { manifest, expires: now + ttlMs });
  }
  return manifest;
}

/** Drops a content from this isolate's cache: its commit or delete went through here. */
export function forgetManifest(key: string): void {
  cache.delete(key);
}
