import type { Link } from "../html/types.ts";

/**
 * Link targets of a snippet as absolute URLs (relative ones resolved against the content's
 * canonical URL), web and mail links only, first occurrence order, at most `max`. `cache` keeps
 * the resolution of each href across the snippets of one content (one base).
 */
export function resolveLinks(
  links: readonly Link[],
  base: string,
  max: number,
  cache = new Map<string, string | null>(),
): string[] {
  const out = new Set<string>();
  let baseUrl: URL | undefined;
  for (const l of links) {
    if (out.size >= max) break;
    let href = cache.get(l.href);
    if (href === undefined) {
      href = null;
      try {
        baseUrl ??= base ? new URL(base) : undefined;
        const url = new URL(l.href, baseUrl);
        if (url.protocol === "http:" || url.protocol === "https:" || url.protocol === "mailto:")
          href = url.href;
      } catch {
        // not a URL (or no base for a relative one): the link is left out
      }
      cache.set(l.href, href);
    }
    if (href !== null) out.add(href);
  }
  return [...out];
}

/** The canonical URL with `#anchor` (an existing fragment is replaced). */
export function deepLink(base: string, anchor: string | undefined): string {
  if (!anchor) return base;
  const hash = base.indexOf("#");
  return `${hash < 0 ? base : base.slice(0, hash)}#${encodeURIComponent(anchor)}`;
}
