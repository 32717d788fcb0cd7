import type { ContentBlock, Link } from "../html/types.ts";
import { blockText } from "../html/types.ts";
import { fits, type Limits, type Size, sizeOf } from "../text/measure.ts";
import { cutGraphemes, lines, sentences, words } from "../text/segment.ts";

export type PieceKind = "text" | "list" | "table" | "code" | "quote";

/** How fine a piece is: cuts between coarse pieces are better than cuts between fine ones. */
export const Grain = { block: 0, item: 1, line: 2, sentence: 3, word: 4, grapheme: 5 } as const;
export type Grain = (typeof Grain)[keyof typeof Grain];

/**
 * A unit packing moves around whole: a block, or (when a block is too big) one of its items,
 * rows, lines, sentences, words. `split` gives the next finer pieces, computed only when needed
 * (most blocks are never segmented).
 */
export interface Piece {
  text: string;
  size: Size;
  kind: PieceKind;
  grain: Grain;
  /** separator in front of this piece when it is not the first of its snippet */
  join: string;
  /** repeated in front when a snippet starts with this piece (a table's header rows, a list's lead-in) */
  header?: string | undefined;
  headerSize?: Size | undefined;
  links?: Link[] | undefined;
  /** ends where a sentence, line, row, item or block ends */
  cleanEnd: boolean;
  split?: (() => Piece[]) | undefined;
}

export interface PieceContext {
  lang: string;
  limits: Limits;
}

const NO_SIZE: Size = { chars: 0, tokens: 0 };

export function blockPiece(block: ContentBlock, ctx: PieceContext): Piece {
  const text = blockText(block);
  return {
    text,
    size: sizeOf(text),
    kind: block.kind,
    grain: Grain.block,
    join: "\n\n",
    links: block.links,
    cleanEnd: true,
    split: () => splitBlock(block, ctx),
  };
}

/** A header repeated over the pieces of one block, its size (with the "\n" after it) measured once. */
interface Header {
  text: string;
  size: Size;
}

function make(
  text: string,
  from: Piece,
  grain: Grain,
  join: string,
  header?: Header,
  cleanEnd = true,
): Piece {
  const p: Piece = { text, size: sizeOf(text), kind: from.kind, grain, join, links: from.links, cleanEnd };
  if (header) {
    p.header = header.text;
    p.headerSize = header.size;
  }
  return p;
}

function splitBlock(block: ContentBlock, ctx: PieceContext): Piece[] {
  const parent: Piece = {
    text: "",
    size: NO_SIZE,
    kind: block.kind,
    grain: Grain.block,
    join: "\n\n",
    links: block.links,
    cleanEnd: true,
  };
  const out: Piece[] = [];
  let header: Header | undefined;
  if (block.lead) {
    out.push(textPiece(block.lead, parent, Grain.item, "\n\n", undefined, ctx));
    if (block.kind === "list") header = leadInSentence(block.lead, ctx);
  }
  switch (block.kind) {
    case "text":
    case "quote":
      if (out.length === 0) return sentencePieces(block.text, parent, "\n\n", undefined, ctx);
      out.push(textPiece(block.text, parent, Grain.item, "\n", undefined, ctx));
      break;
    case "list":
      for (const item of block.items) out.push(linesPiece(item, parent, Grain.item, "\n", header, ctx));
      break;
    case "table": {
      const head = [...(block.caption ? [block.caption] : []), ...block.header].join("\n");
      const repeated = capHeader(head, ctx);
      block.rows.forEach((row, i) => {
        const text = i === 0 && head ? `${head}\n${row}` : row;
        out.push(linesPiece(text, parent, Grain.item, "\n", i === 0 ? undefined : repeated, ctx));
      });
      break;
    }
    case "code":
      for (const line of lines(block.text)) out.push(codeLine(line.replace(/\n$/, ""), parent, "\n", ctx));
      break;
  }
  if (out[0]) out[0].join = "\n\n";
  return out;
}

/** A header that would eat most of every piece is not repeated. */
function capHeader(header: string, ctx: PieceContext): Header | undefined {
  if (!header) return undefined;
  const s = sizeOf(header);
  return s.chars <= ctx.limits.maxChars / 3 && s.tokens <= ctx.limits.maxTokens / 3
    ? { text: header, size: sizeOf(`${header}\n`) }
    : undefined;
}

/** The last sentence of a list's lead-in: repeated over every part of a list that is cut. */
function leadInSentence(lead: string, ctx: PieceContext): Header | undefined {
  const last = lead.split("\n").pop() ?? "";
  const s = sentences(last, ctx.lang);
  return capHeader((s[s.length - 1] ?? "").trim(), ctx);
}

function textPiece(
  text: string,
  parent: Piece,
  grain: Grain,
  join: string,
  header: Header | undefined,
  ctx: PieceContext,
): Piece {
  const p = make(text, parent, grain, join, header);
  p.split = () => sentencePieces(text, p, join, header, ctx);
  return p;
}

/** A list item or table row: split at its lines, then sentences. */
function linesPiece(
  text: string,
  parent: Piece,
  grain: Grain,
  join: string,
  header: Header | undefined,
  ctx: PieceContext,
): Piece {
  const p = make(text, parent, grain, join, header);
  if (text.includes("\n")) {
    p.split = () =>
      lines(text).map((l, i) =>
        textPiece(l.replace(/\n$/, ""), p, Grain.line, i === 0 ? join : "\n", header, ctx),
      );
  } else p.split = () => sentencePieces(text, p, join, header, ctx);
  return p;
}

/** Code is never re-flowed: a long line is cut at spaces, then between characters. */
function codeLine(text: string, parent: Piece, join: string, ctx: PieceContext): Piece {
  const p = make(text, parent, Grain.line, join);
  p.split = () => wordPieces(text, p, join, undefined, ctx);
  return p;
}

function sentencePieces(
  text: string,
  parent: Piece,
  join: string,
  header: Header | undefined,
  ctx: PieceContext,
): Piece[] {
  const parts = sentences(text, ctx.lang);
  if (parts.length <= 1) return wordPieces(text, parent, join, header, ctx);
  return parts.map((s, i) => {
    const p = make(s, parent, Grain.sentence, i === 0 ? join : "", header);
    p.split = () => wordPieces(s, p, p.join, header, ctx);
    return p;
  });
}

function wordPieces(
  text: string,
  parent: Piece,
  join: string,
  header: Header | undefined,
  ctx: PieceContext,
): Piece[] {
  const parts = words(text);
  if (parts.length <= 1) return graphemePieces(text, parent, join, header, ctx);
  return parts.map((w, i) => {
    const p = make(
      w,
      parent,
      Grain.word,
      i === 0 ? join : "",
      header,
      i === parts.length - 1 && parent.cleanEnd,
    );
    p.split = () => graphemePieces(w, p, p.join, header, ctx);
    return p;
  });
}

/** The last resort: pieces that fit alone (with the header in front), cut between graphemes. */
function graphemePieces(
  text: string,
  parent: Piece,
  join: string,
  header: Header | undefined,
  ctx: PieceContext,
): Piece[] {
  const h = header ? header.size : NO_SIZE;
  const room = { maxChars: ctx.limits.maxChars - h.chars, maxTokens: ctx.limits.maxTokens - h.tokens };
  const parts = fits(sizeOf(text), room) ? [text] : cutGraphemes(text, ctx.lang, room);
  return parts.map((g, i) =>
    make(g, parent, Grain.grapheme, i === 0 ? join : "", header, i === parts.length - 1 && parent.cleanEnd),
  );
}
