import type { Attributes } from "./attributes.ts";
import type { Block, Link, ListBlock } from "./types.ts";

/** Nesting deeper than this is not indented further: 100-deep lists stay readable and small. */
const MAX_INDENT = 16;

export interface ListFrame {
  ordered: boolean;
  next: number;
  style: string;
  items: string[];
  links: Link[];
}

export function openList(name: string, attribs: Readonly<Attributes>): ListFrame {
  const start = Number.parseInt(attribs.start ?? "", 10);
  const ordered = name === "ol";
  const reversed = ordered && attribs.reversed !== undefined;
  return {
    ordered,
    next: Number.isFinite(start) ? start : reversed ? Number.NaN : 1,
    style: attribs.type ?? "1",
    items: [],
    links: [],
  };
}

/** The marker of the next item (`- `, `3. `, `c. `) for `li`, `dt`, `dd`. */
export function nextMarker(frame: ListFrame, itemTag: string, attribs: Readonly<Attributes>): string {
  if (itemTag === "dt") return "";
  if (itemTag === "dd") return "  ";
  if (!frame.ordered) return "- ";
  const value = Number.parseInt(attribs.value ?? "", 10);
  if (Number.isFinite(value)) frame.next = value;
  const n = Number.isFinite(frame.next) ? frame.next : 1;
  frame.next = n + 1;
  return `${formatNumber(n, frame.style)}. `;
}

function formatNumber(n: number, style: string): string {
  if ((style === "a" || style === "A") && n >= 1 && n <= 26) {
    const c = String.fromCharCode(96 + n);
    return style === "A" ? c.toUpperCase() : c;
  }
  return String(n);
}

export function indent(line: string, by: string): string {
  let spaces = 0;
  while (spaces < line.length && line.charCodeAt(spaces) === 32) spaces++;
  return spaces >= MAX_INDENT ? line : by + line;
}

/**
 * The lines of one list item: its blocks under the marker, nested lists indented below it (a
 * heading inside an item is a line of text).
 */
export function itemText(blocks: readonly Block[], marker: string): string {
  const out: string[] = [];
  const hang = " ".repeat(marker.length);
  for (const b of blocks) {
    const nested = b.kind === "list" || b.kind === "table" || b.kind === "code";
    const lines = blockLines(b);
    for (const line of lines) {
      if (out.length === 0 && !nested) out.push(marker + line);
      else out.push(indent(line, nested ? (marker === "" ? "  " : hang || "  ") : hang));
    }
  }
  return out.join("\n");
}

function blockLines(b: Block): string[] {
  switch (b.kind) {
    case "list":
      return b.items.flatMap((i) => i.split("\n"));
    case "table":
      return [...(b.caption ? [b.caption] : []), ...b.header, ...b.rows];
    default:
      return b.text.split("\n");
  }
}

/** Lines of a list that sits directly in another list (no `li` between), indented one level. */
export function nestedListItem(list: ListBlock): string {
  return list.items
    .flatMap((i) => i.split("\n"))
    .map((l) => indent(l, "  "))
    .join("\n");
}
