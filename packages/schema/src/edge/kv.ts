import { hash128 } from "../base32.ts";
import { KV_MAX_KEY_BYTES } from "./limits.ts";

const utf8 = new TextEncoder();

/** A key KV would refuse fails here, where the caller can still say which content it was. */
function checked(key: string): string {
  // every character is at most 3 UTF-8 bytes per UTF-16 unit: short keys skip the encoding
  if (key.length * 3 > KV_MAX_KEY_BYTES && utf8.encode(key).byteLength > KV_MAX_KEY_BYTES) {
    throw new RangeError(`KV key over ${KV_MAX_KEY_BYTES} bytes: "${key.slice(0, 60)}..."`);
  }
  return key;
}

/**
 * The KV layout (docs/contracts.md#kv-layout). One key per snippet, one per manifest, one per
 * (index, content) pair so no key is hot (KV allows one write per second per key). Audiences live
 * in values, never only in metadata (1 KB cap).
 */
export const kvKeys = {
  snippet: (snippetId: string) => checked(`s:${snippetId}`),
  manifest: (contentKey: string) => checked(`m:${contentKey}`),
  tagEntry: (tag: string, contentKey: string) => checked(`it:${tag}|${contentKey}`),
  tagPrefix: (tag: string) => checked(`it:${tag}|`),
  siteEntry: (sourceId: string, siteId: string, contentKey: string) =>
    checked(`is:${sourceId}:${siteId}|${contentKey}`),
  sitePrefix: (sourceId: string, siteId: string) => checked(`is:${sourceId}:${siteId}|`),
  /** URLs can be long and full of odd characters: the index keys on a hash of the normalized URL */
  urlEntry: (urlHash: string, contentKey: string) => checked(`iu:${urlHash}|${contentKey}`),
  urlPrefix: (urlHash: string) => checked(`iu:${urlHash}|`),
  apiKey: (keyHash: string) => checked(`k:${keyHash}`),
  apiKeyPrefix: () => "k:",
  /** a pending delete of stale snippets, ordered by due time (zero-padded ms) */
  pendingDelete: (dueMs: number, contentKey: string, manifestVersion: number) =>
    checked(`g:${String(dueMs).padStart(15, "0")}:${contentKey}:${manifestVersion}`),
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

/**
 * Lowercases scheme and host, drops credentials, the default port, the fragment and a trailing
 * slash of the path (not of the query): the URL index's key. Not http(s): undefined.
 */
export function normalizeUrl(raw: string): string | undefined {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return undefined;
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return undefined;
  const path = u.pathname.length > 1 && u.pathname.endsWith("/") ? u.pathname.slice(0, -1) : u.pathname;
  return `${u.protocol}//${u.host.toLowerCase()}${path}${u.search}`;
}

export async function urlHash(raw: string): Promise<string | undefined> {
  const n = normalizeUrl(raw);
  return n === undefined ? undefined : hash128(n);
}
