import { type Audience, widgetAudience } from "@lumasnip/schema";
import { htmlToBlocks } from "../html/html-to-blocks.ts";
import type { Block } from "../html/types.ts";
import { toWellFormed } from "../text/well-formed.ts";
import { isLangMap, type LangChoice, pickText, pickValue } from "./pick-text.ts";
import { escapeHtml, richTextToHtml } from "./rich-text.ts";

/**
 * The body of one language, in reading order: scopes (a widget, or a titled item inside one)
 * with their audience and optional title, and the blocks inside them.
 */
export type BodyEvent =
  | { type: "open"; title?: string; audience: Audience }
  | { type: "blocks"; blocks: Block[] }
  | { type: "close" };

export interface ExtractOptions extends LangChoice {
  /** the content's audience; widgets narrow it */
  audience: Audience;
  skipWidgetTypes: ReadonlySet<string>;
  widgetTitlesAsHeadings: boolean;
  keepLinks: boolean;
}

/** Keys whose language maps (or strings) hold body text in widgets other than `html` (API.md §5). */
const TEXT_KEYS = new Set([
  "content",
  "html",
  "text",
  "longText",
  "body",
  "value",
  "description",
  "richText",
]);
/** Keys never holding body text, or walked as template nodes instead. */
/** Of those, the keys where a bare string (not a language map) is text too. */
const STRING_KEYS = new Set(["content", "html", "text", "longText", "body"]);
const SKIP_KEYS = new Set([
  "style",
  "stylesMigrated",
  "feedKeys",
  "components",
  "cells",
  "popin",
  "placeholder",
]);
const MAX_DEPTH = 200;

/**
 * Walks the whole template (rows -> cells -> nested rows -> widgets) in order. `html` widgets
 * give their HTML; other text-bearing widgets their language-mapped strings and rich-text
 * trees; list widgets that only reference other objects are skipped; a widget's own title opens
 * a titled scope. Every `feedKeys` (on the node, in its properties, on an item inside them)
 * narrows the audience; none of them widens it.
 */
export function extractBody(template: unknown, options: ExtractOptions): BodyEvent[] {
  const out: BodyEvent[] = [];
  walk(template, options.audience, options, out, 0);
  return out;
}

function walk(node: unknown, audience: Audience, o: ExtractOptions, out: BodyEvent[], depth: number): void {
  if (depth > MAX_DEPTH || node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const n of node) walk(n, audience, o, out, depth + 1);
    return;
  }
  const n = node as Record<string, unknown>;
  const props = isRecord(n.properties) ? n.properties : undefined;
  // both places narrow: a permission on the node and one in its properties each restrict the text
  // (one of them empty or null must not lift the other: never widen silently)
  const scoped = widgetAudience(widgetAudience(audience, n.feedKeys), props?.feedKeys);
  const widgetType = typeof n.widgetType === "string" ? n.widgetType : undefined;
  if (widgetType === undefined && n.type !== "widget") {
    walk(n.components, scoped, o, out, depth + 1);
    walk(n.cells, scoped, o, out, depth + 1);
    return;
  }
  if (widgetType !== undefined && o.skipWidgetTypes.has(widgetType)) return;
  const title = o.widgetTitlesAsHeadings ? cleanTitle(pickText(n.title, o)) : undefined;
  out.push(title ? { type: "open", title, audience: scoped } : { type: "open", audience: scoped });
  if (widgetType === "html" || widgetType === "intro") {
    const html = pickText(props?.content, o);
    if (html) pushHtml(html, o, out);
  } else if (props) {
    collect(props, o, out, depth + 1);
  }
  walk(n.components, scoped, o, out, depth + 1);
  walk(n.cells, scoped, o, out, depth + 1);
  out.push({ type: "close" });
}

/** Generic widgets: text under the known keys, anywhere in the properties; titled items open scopes. */
function collect(value: unknown, o: ExtractOptions, out: BodyEvent[], depth: number): void {
  if (depth > MAX_DEPTH || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const v of value) collect(v, o, out, depth + 1);
    return;
  }
  const obj = value as Record<string, unknown>;
  const hasText = Object.keys(obj).some((k) => TEXT_KEYS.has(k));
  const title = hasText && isLangMap(obj.title) ? cleanTitle(pickText(obj.title, o)) : undefined;
  // an item inside a widget (an accordion panel, a tab) may carry its own feedKeys: they narrow too
  const restricted = "feedKeys" in obj;
  const scope = title !== undefined || restricted;
  if (scope) {
    const audience = widgetAudience(currentAudience(out, o), obj.feedKeys);
    out.push(title ? { type: "open", title, audience } : { type: "open", audience });
  }
  for (const [key, v] of Object.entries(obj)) {
    if (SKIP_KEYS.has(key) || key === "title") continue;
    if (key === "richText") {
      const tree = pickValue(v, o);
      if (tree) pushHtml(richTextToHtml(tree), o, out);
    } else if ((STRING_KEYS.has(key) && typeof v === "string") || (TEXT_KEYS.has(key) && isLangMap(v))) {
      const text = pickText(v, o);
      if (text && !/^\s*(true|false|null|\d+)\s*$/.test(text)) pushHtml(text, o, out);
    } else collect(v, o, out, depth + 1);
  }
  if (scope) out.push({ type: "close" });
}

function pushHtml(html: string, o: ExtractOptions, out: BodyEvent[]): void {
  // plain text (no tag at all) is escaped so a stray "<" cannot swallow the rest
  const source = html.includes("<") && /<\/?[a-zA-Z!]/.test(html) ? html : escapeHtml(html);
  const blocks = htmlToBlocks(source, { keepLinks: o.keepLinks });
  if (blocks.length > 0) out.push({ type: "blocks", blocks });
}

/** The audience of the innermost open scope. */
function currentAudience(out: BodyEvent[], o: ExtractOptions): Audience {
  let closes = 0;
  for (let i = out.length - 1; i >= 0; i--) {
    const e = out[i]!;
    if (e.type === "close") closes++;
    else if (e.type === "open") {
      if (closes === 0) return e.audience;
      closes--;
    }
  }
  return o.audience;
}

/** A title from JSON: whitespace collapsed, lone surrogates repaired, markup-free. */
function cleanTitle(title: string | undefined): string | undefined {
  if (title === undefined) return undefined;
  const t = toWellFormed(title).replace(/\s+/g, " ").trim();
  return t === "" ? undefined : t;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
