import { hash128 } from "../base32.ts";

/**
 * The KV layout (docs/contracts.md#kv-layout). One key per snippet, one per manifest, one per
 * (index, content) pair so no key is hot (KV allows one write per second per key). Audiences live
 * in values, never only in metadata (1 KB cap).
 */
export const kvKeys = {
  snippet: (snippetId: string) => `s:${snippetId}`,
  manifest: (contentKey: string) => `m:${contentKey}`,
  tagEntry: (tag: string, contentKey: string) => `it:${tag}|${contentKey}`,
  tagPrefix: (tag: string) => `it:${tag}|`,
  siteEntry: (sourceId: string, siteId: string, contentKey: string) => `is:${sourceId}:${siteId}|${contentKey}`,
  sitePrefix: (sourceId: string, siteId: string) => `is:${sourceId}:${siteId}|`,
  /** URLs can be long and full of odd characters: the index keys on a hash of the normalized URL */
  urlEntry: (urlHash: string, contentKey: string) => `iu:${urlHash}|${contentKey}`,
  urlPrefix: (urlHash: string) => `iu:${urlHash}|`,
  apiKey: (keyHash: string) => `k:${keyHash}`,
  apiKeyPrefix: () => "k:",
  /** a pending delete of stale snippets, ordered by due time (zero-padded ms) */
  pendingDelete: (dueMs: number, contentKey: string, manifestVersion: number) =>
    `g:${String(dueMs).padStart(15, "0")}:${contentKey}:${manifestVersion}`,
  pendingDeletePrefix: () => "g:",
} as const;

/** Parses the due time of a pending-delete key. */
export function pendingDeleteDue(key: string): number | undefined {
  const m = /^g:(\d{15}):/.exec(key);
  return m ? Number(m[1]) : undefined;
}

/** The content key an index entry points at (after the `|`). */
export function indexEntryContentKey(key: string): string | undefined {
  const i = key.lastIndexOf("|");
  return i < 0 ? undefined : key.slice(i + 1);
}

/** Lowercases scheme and host, drops the fragment and a trailing slash: the URL index's key. */
export function normalizeUrl(raw: string): string | undefined {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return undefined;
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return undefined;
  u.hash = "";
  let s = `${u.protocol}//${u.host.toLowerCase()}${u.pathname}${u.search}`;
  if (s.endsWith("/") && u.pathname !== "/") s = s.slice(0, -1);
  return s;
}

export async function urlHash(raw: string): Promise<string | undefined> {
  const n = normalizeUrl(raw);
  return n === undefined ? undefined : hash128(n);
}
