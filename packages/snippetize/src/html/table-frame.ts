import type { Block, ContentBlock, Link, TableBlock } from "./types.ts";

export interface Cell {
  blocks: Block[];
  header: boolean;
}

export interface TableFrame {
  rows: Cell[][];
  row: Cell[] | undefined;
  inHead: boolean;
  caption: string | undefined;
  /** text found between cells (invalid but common): kept as one-cell rows */
}

export function openTable(): TableFrame {
  return { rows: [], row: undefined, inHead: false, caption: undefined };
}

export function endRow(t: TableFrame): void {
  if (t.row && t.row.length > 0) t.rows.push(t.row);
  t.row = undefined;
}

export function addCell(t: TableFrame, cell: Cell): void {
  if (!t.row) t.row = [];
  t.row.push(cell);
}

/** A cell's blocks as one line: tables are read row by row, so a cell cannot span lines. */
export function cellText(blocks: readonly Block[]): string {
  const parts: string[] = [];
  for (const b of blocks) {
    if (b.kind === "list") parts.push(b.items.join(" "));
    else if (b.kind === "table")
      parts.push([...(b.caption ? [b.caption] : []), ...b.header, ...b.rows].join(" / "));
    else parts.push(b.text);
  }
  return parts.join(" ").replace(/\s+/g, " ").trim();
}

/**
 * The table's outcome. A table whose rows hold at most one non-empty cell, or one without
 * header cells whose cells hold headings or several paragraphs, is page layout: its cells'
 * blocks are emitted as they are (headings there start sections). Anything else is data: a
 * table block, one line per row, header rows first.
 */
export function finishTable(t: TableFrame): ContentBlock[] | Block[] {
  endRow(t);
  const texts = t.rows.map((r) => r.map((c) => cellText(c.blocks)));
  const widest = Math.max(0, ...texts.map((r) => r.filter((c) => c !== "").length));
  const anyHeader = t.rows.some((r) => r.some((c) => c.header));
  const structured = t.rows.some((r) =>
    r.some((c) => c.blocks.some((b) => b.kind === "heading") || c.blocks.length > 3),
  );
  if (widest <= 1 || (!anyHeader && structured)) {
    const out: Block[] = [];
    if (t.caption) out.push({ kind: "text", text: t.caption });
    for (const r of t.rows) for (const c of r) out.push(...c.blocks);
    return out;
  }
  const header: string[] = [];
  const rows: string[] = [];
  const links: Link[] = [];
  for (let i = 0; i < t.rows.length; i++) {
    const cells = texts[i]!;
    while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
    if (cells.every((c) => c === "")) continue;
    const line = cells.join(" | ");
    const isHeader =
      rows.length === 0 &&
      header.length < 3 &&
      t.rows[i]!.every((c) => c.header || cellText(c.blocks) === "");
    (isHeader ? header : rows).push(line);
    for (const c of t.rows[i]!)
      for (const b of c.blocks) if (b.kind !== "heading" && b.links) links.push(...b.links);
  }
  if (rows.length === 0 && header.length === 0) return t.caption ? [{ kind: "text", text: t.caption }] : [];
  const block: TableBlock = {
    kind: "table",
    header: rows.length === 0 ? [] : header,
    rows: rows.length === 0 ? header : rows,
  };
  if (t.caption) block.caption = t.caption;
  if (links.length > 0) block.links = links;
  return [block];
}
