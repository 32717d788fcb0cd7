import type { Audience } from "@lumasnip/schema";
import type { BodyEvent } from "../body/extract-body.ts";
import type { ContentBlock, Link, TextBlock } from "../html/types.ts";
import { toWellFormed } from "../text/well-formed.ts";

export interface Section {
  headingPath: string[];
  /** the id of the nearest heading on the path that has one, for the deep link */
  anchor: string | undefined;
  audience: Audience;
  blocks: ContentBlock[];
}

interface Heading {
  level: number;
  text: string;
  anchor?: string | undefined;
}

/** Widget titles sit above every HTML heading inside the widget, nested titles below outer ones. */
const SCOPE_LEVEL = -1000;

/**
 * Splits the body into sections: a new section at every heading and wherever the audience
 * changes. A titled widget scopes its headings (its title on top, the outer path restored after
 * it); untitled widgets continue the page's heading path, as a reader sees them.
 */
export function buildSections(events: readonly BodyEvent[], contentAudience: Audience): Section[] {
  const sections: Section[] = [];
  let stack: Heading[] = [];
  const saved: (Heading[] | undefined)[] = [];
  const audiences: Audience[] = [contentAudience];
  let scopeDepth = 0;
  let cur: Section | undefined;
  let curAudience: Audience | undefined;
  for (const e of events) {
    if (e.type === "open") {
      audiences.push(e.audience);
      if (e.title) {
        saved.push(stack);
        stack = [...stack, { level: SCOPE_LEVEL + scopeDepth, text: e.title }];
        cur = undefined;
      } else saved.push(undefined);
      scopeDepth++;
      continue;
    }
    if (e.type === "close") {
      audiences.pop();
      scopeDepth--;
      const restore = saved.pop();
      if (restore) {
        stack = restore;
        cur = undefined;
      }
      continue;
    }
    for (const b of e.blocks) {
      if (b.kind === "heading") {
        const kept = stack.slice();
        while (kept.length > 0 && kept[kept.length - 1]!.level >= b.level) kept.pop();
        kept.push({ level: b.level, text: toWellFormed(b.text), anchor: b.anchor });
        stack = kept;
        cur = undefined;
        continue;
      }
      const audience = audiences[audiences.length - 1]!;
      if (!cur || curAudience !== audience) {
        cur = { headingPath: stack.map((h) => h.text), anchor: nearestAnchor(stack), audience, blocks: [] };
        curAudience = audience;
        sections.push(cur);
      }
      cur.blocks.push(b);
    }
  }
  for (const s of sections) s.blocks = glueLeads(s.blocks);
  return sections.filter((s) => s.blocks.length > 0);
}

function nearestAnchor(stack: readonly Heading[]): string | undefined {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.anchor) return stack[i]!.anchor;
  return undefined;
}

/**
 * Glues lead-ins to what they introduce, so no cut falls between them: a callout label or a
 * bold-only line to the next block; the paragraph before a list to the list; a paragraph ending
 * with ":" to the table or code after it.
 */
function glueLeads(blocks: ContentBlock[]): ContentBlock[] {
  const out: ContentBlock[] = [];
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i]!;
    const next = out[out.length - 1];
    if (next && (b.kind === "text" || b.kind === "quote") && !b.lead && gluesTo(b, next)) {
      out[out.length - 1] = {
        ...next,
        lead: next.lead ? `${b.text}\n${next.lead}` : b.text,
        ...mergedLinks(b.links, next.links),
      } as ContentBlock;
      continue;
    }
    out.push(b);
  }
  return out.reverse();
}

function gluesTo(b: TextBlock, next: ContentBlock): boolean {
  if (b.glue) return true;
  if (next.kind === "list") return true;
  return (next.kind === "table" || next.kind === "code") && /[:：]\s*$/.test(b.text);
}

function mergedLinks(a: Link[] | undefined, b: Link[] | undefined): { links?: Link[] } {
  if (!a?.length) return b?.length ? { links: b } : {};
  return { links: b?.length ? [...a, ...b] : a };
}
