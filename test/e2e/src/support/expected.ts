import {
  type RunningSimulator,
  type SimContent,
  type TemplateNode,
  templateWidgets,
} from "@lumasnip/lumapps-sim";
import { toBcp47 } from "@lumasnip/schema";

/**
 * The oracle: what the edge must serve, computed from the simulator's own store (not from any
 * stage's output). Mirrors what LumApps shows the service user: LIVE pages and news whose feedKeys
 * are empty or share a group with it, inside their publication window.
 */
export const SOURCE_ID = "sim";
export const keyOf = (c: { id: string }) => `${SOURCE_ID}:${c.id}`;

const v1Date = (raw: unknown) => (raw ? Date.parse(`${String(raw).slice(0, 23)}Z`) : undefined);

export function visibleContents(sim: RunningSimulator): SimContent[] {
  const now = sim.control.now().getTime();
  const groups = sim.serviceUser.groups;
  return sim.control.contents().filter((c) => {
    if (c.status !== "LIVE" || (c.type !== "page" && c.type !== "news")) return false;
    if (c.feedKeys.length > 0 && !c.feedKeys.some((k) => groups.includes(k))) return false;
    const end = v1Date(c.endDate);
    const pub = v1Date(c.publicationDate);
    return !(end !== undefined && end <= now) && !(pub !== undefined && pub > now);
  });
}

/** Widgets in reading order (rows, cells, nested rows), like the snippetizer walks them. */
export function widgetsOf(c: SimContent): TemplateNode[] {
  return templateWidgets(c.template);
}

const htmlOf = (w: TemplateNode) =>
  w.widgetType === "html" ? ((w.properties?.content ?? {}) as Record<string, string>) : {};

/** Every language the content carries text in (title or an html widget), as BCP 47. */
export function languagesOf(c: SimContent): string[] {
  const codes = new Set(Object.keys(c.title).filter((k) => c.title[k]));
  for (const w of widgetsOf(c)) for (const [k, v] of Object.entries(htmlOf(w))) if (v) codes.add(k);
  return [...new Set([...codes].map((k) => toBcp47(k)).filter((l): l is string => !!l))].sort();
}

/** The content's title in one BCP 47 language. */
export const titleOf = (c: SimContent, lang: string): string | undefined =>
  Object.entries(c.title).find(([code, v]) => v && toBcp47(code) === lang)?.[1];

/** The edge's audience of a content: its feedKeys, or everyone when empty (the default policy). */
export const audienceOf = (c: SimContent): string[] => (c.feedKeys.length ? [...c.feedKeys].sort() : ["*"]);

/** The one read rule, written independently of the edge's: `*` on either side, or a shared group. */
export function mayRead(readerGroups: readonly string[], audience: readonly string[]): boolean {
  if (readerGroups.includes("*")) return true;
  return audience.includes("*") || audience.some((g) => readerGroups.includes(g));
}

/**
 * Plain paragraphs of the content's html widgets in one language (no inline markup, entities or
 * template tags, so their text must appear verbatim in the snippets), from widgets without their
 * own audience unless `restricted`.
 */
export function paragraphsOf(c: SimContent, lang: string, options: { restricted?: boolean } = {}): string[] {
  const out: string[] = [];
  for (const w of widgetsOf(c)) {
    const narrowed = (w.feedKeys ?? []).length > 0;
    if (narrowed !== (options.restricted ?? false)) continue;
    for (const [code, html] of Object.entries(htmlOf(w))) {
      if (toBcp47(code) !== lang || !html) continue;
      for (const m of html.matchAll(/<p(?:\s[^>]*)?>([^<&{}]{24,})<\/p>/g))
        out.push(m[1]!.replace(/\s+/g, " ").trim());
    }
  }
  return out;
}

/** Whitespace-free form: snippet cuts and re-flowing may move spaces, never letters. */
export const squash = (text: string) => text.replace(/\s+/g, "");
