/** A link kept beside the text: its target and the text it was on. */
export interface Link {
  href: string;
  text: string;
}

export interface HeadingBlock {
  kind: "heading";
  level: number;
  text: string;
  /** the id a deep link can point at (`#anchor`) */
  anchor?: string;
}

export interface TextBlock {
  kind: "text" | "quote";
  text: string;
  /** a title-like line (a callout's label, a bold-only line) that belongs with the next block */
  glue?: boolean;
  links?: Link[];
}

export interface ListBlock {
  kind: "list";
  /** one string per top-level item: its marker, text and nested lines, "\n"-separated */
  items: string[];
  links?: Link[];
}

export interface TableBlock {
  kind: "table";
  caption?: string;
  /** header rows, repeated at the top of every piece when the table is cut */
  header: string[];
  rows: string[];
  links?: Link[];
}

export interface CodeBlock {
  kind: "code";
  text: string;
  links?: Link[];
}

/** Fields any content block may carry once sections are built. */
export interface Lead {
  /** a lead-in glued in front (the sentence introducing a list, a callout's label): kept with the block */
  lead?: string;
}

export type Block = HeadingBlock | TextBlock | ListBlock | TableBlock | CodeBlock;
export type ContentBlock = Exclude<Block, HeadingBlock> & Lead;

/** The text of a block as it appears in a snippet when the block is not cut. */
export function blockText(block: ContentBlock): string {
  const body = bodyText(block);
  return block.lead ? `${block.lead}\n${body}` : body;
}

function bodyText(block: ContentBlock): string {
  switch (block.kind) {
    case "text":
    case "quote":
    case "code":
      return block.text;
    case "list":
      return block.items.join("\n");
    case "table":
      return [...(block.caption ? [block.caption] : []), ...block.header, ...block.rows].join("\n");
  }
}
