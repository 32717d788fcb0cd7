/** Workers KV limits the edge and the publisher plan around (Cloudflare docs, 2026). */
export const KV_MAX_KEY_BYTES = 512;
export const KV_MAX_VALUE_BYTES = 25 * 1024 * 1024;
export const KV_MAX_METADATA_BYTES = 1024;
/** KV operations one Worker invocation may make */
export const KV_MAX_OPS_PER_INVOCATION = 1000;
export const KV_MAX_LIST_LIMIT = 1000;
/** keys one bulk get may ask for */
export const KV_MAX_BULK_GET = 100;
/** snippets written per admin chunk: one put each, well under the per-invocation budget */
export const ADMIN_MAX_SNIPPETS_PER_CHUNK = 400;
/** stale snippets outlive the manifest that dropped them by at least this long */
export const MIN_STALE_GRACE_SECONDS = 120;
