import { canRead, type IndexEntry, type Manifest, type Snippet } from "@lumasnip/schema";
import type { Reader } from "../auth/principal.ts";

/** The one audience rule (the contracts' `canRead`), for this request's reader. */
export function canSee(reader: Reader, audience: readonly string[]): boolean {
  return canRead(reader.audiences, reader.narrowedTo, audience);
}

/**
 * Not yet published or past its end date: not served, to anyone (DESIGN.md: news past endDate or
 * before publicationDate). Applied to every type, since a page with those dates means the same.
 */
export function inWindow(
  item: { publishedAt?: string | undefined; endDate?: string | undefined },
  now: number,
): boolean {
  if (item.publishedAt && Date.parse(item.publishedAt) > now) return false;
  if (item.endDate && Date.parse(item.endDate) <= now) return false;
  return true;
}

export function manifestVisible(m: Manifest, reader: Reader, now: number): boolean {
  return inWindow(m, now) && canSee(reader, m.audience);
}

export function entryVisible(e: IndexEntry, reader: Reader, now: number): boolean {
  return inWindow(e, now) && canSee(reader, e.audience);
}

/**
 * Snippet ids this reader may see, per language in reading order. Every language stays listed
 * (the title map names them anyway); only the ids of narrower text go.
 */
export function visibleLanguages(m: Manifest, reader: Reader): { lang: string; snippetIds: string[] }[] {
  const narrower = m.snippetAudiences ?? {};
  return m.languages.map((l) => ({
    lang: l.lang,
    snippetIds: l.snippetIds.filter((id) => canSee(reader, narrower[id] ?? m.audience)),
  }));
}

export type ManifestView = Omit<Manifest, "fingerprints" | "snippetAudiences">;

/** The manifest as this reader may see it: hidden snippet ids removed, the publisher's bookkeeping left out. */
export function manifestView(m: Manifest, reader: Reader): ManifestView {
  const { fingerprints: _f, snippetAudiences: _a, ...rest } = m;
  return { ...rest, languages: visibleLanguages(m, reader) };
}

/**
 * A snippet as stored, placed in the reader's view of the current order: ordinal and neighbours
 * count only snippets the reader sees, so a hidden one leaves no gap and no id behind. A snippet
 * the current manifest dropped (served during the grace period) keeps only neighbours still visible.
 */
export function placeSnippet(s: Snippet, visibleOrder: readonly string[], m: Manifest): Snippet {
  const i = visibleOrder.indexOf(s.id);
  if (i >= 0) {
    return {
      ...s,
      ordinal: i,
      prevId: visibleOrder[i - 1] ?? null,
      nextId: visibleOrder[i + 1] ?? null,
      updatedAt: m.updatedAt,
    };
  }
  const visible = new Set(visibleOrder);
  return {
    ...s,
    prevId: s.prevId && visible.has(s.prevId) ? s.prevId : null,
    nextId: s.nextId && visible.has(s.nextId) ? s.nextId : null,
  };
}
