import type { Link } from "../html/types.ts";

/**
 * Link targets of a snippet as absolute URLs (relative ones resolved against the content's
 * canonical URL), web and mail links only, first occurrence order, at most `max`.
 */
export function resolveLinks(links: readonly Link[], base: string, max: number): string[] {
  const out = new Set<string>();
  for (const l of links) {
    if (out.size >= max) break;
    let url: URL;
    try {
      url = base ? new URL(l.href, base) : new URL(l.href);
    } catch {
      continue;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:" && url.protocol !== "mailto:") continue;
    out.add(url.href);
  }
  return [...out];
}

/** The canonical URL with `#anchor` (an existing fragment is replaced). */
export function deepLink(base: string, anchor: string | undefined): string {
  if (!anchor) return base;
  const hash = base.indexOf("#");
  return `${hash < 0 ? base : base.slice(0, hash)}#${encodeURIComponent(anchor)}`;
}
