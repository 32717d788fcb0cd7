import type { ContentBlock, Link } from "../html/types.ts";
import { fill, fits, type Limits, sizeOf } from "../text/measure.ts";
import { sentences } from "../text/segment.ts";
import { toWellFormed } from "../text/well-formed.ts";
import { blockPiece, Grain, type Piece, type PieceKind } from "./pieces.ts";

export interface PackOptions {
  lang: string;
  limits: Limits;
  minTokens: number;
  overlapTokens: number;
}

export interface Chunk {
  text: string;
  kind: PieceKind;
  links: Link[];
  /** approximate tokens (the sum over its pieces: an upper bound of `estimateTokens(text)`) */
  tokens: number;
  /** ends at a sentence, line, row, item or block end */
  cleanEnd: boolean;
}

/**
 * Packs one section's blocks into snippets within the limits. Greedy over pieces, with three
 * rules: a piece that does not fit is cut finer only when it must be (alone over the limit) or
 * when the snippet so far is under the minimum (then a block is opened at its items/sentences,
 * never a sentence at its words); once a snippet reaches the section's balanced target size
 * (total / number of snippets needed) it ends at the next piece boundary, so a section does
 * not end in a crumb.
 */
export function packSection(blocks: readonly ContentBlock[], o: PackOptions): Chunk[] {
  const overlap = o.overlapTokens > 0 ? { chars: o.overlapTokens * 4, tokens: o.overlapTokens } : undefined;
  const limits: Limits = overlap
    ? { maxChars: o.limits.maxChars - overlap.chars, maxTokens: o.limits.maxTokens - overlap.tokens }
    : o.limits;
  const ctx = { lang: o.lang, limits };
  const queue = blocks.map((b) => blockPiece(b, ctx)).reverse(); // a stack: next piece on top
  let total = 0;
  for (const p of queue) total += fill(p.size, limits);
  const target = total <= 1 ? 1 : total / Math.ceil(total);

  const chunks: Chunk[] = [];
  let cur: Piece[] = [];
  let chars = 0;
  let tokens = 0;
  const { maxChars, maxTokens } = limits;
  const emit = () => {
    if (cur.length > 0) chunks.push(assemble(cur, tokens));
    cur = [];
    chars = 0;
    tokens = 0;
  };
  while (queue.length > 0) {
    const p = queue.pop()!;
    let nextChars: number;
    let nextTokens: number;
    if (cur.length === 0) {
      // a snippet starting with a continuation piece repeats its header
      nextChars = p.size.chars + (p.header && p.headerSize ? p.headerSize.chars : 0);
      nextTokens = p.size.tokens + (p.header && p.headerSize ? p.headerSize.tokens : 0);
    } else {
      // joins are ASCII whitespace: a quarter token per character
      nextChars = chars + p.join.length + p.size.chars;
      nextTokens = tokens + p.join.length * 0.25 + p.size.tokens;
    }
    if (nextChars <= maxChars && nextTokens <= maxTokens) {
      if (cur.length > 0 && Math.max(chars / maxChars, tokens / maxTokens) >= target) {
        emit();
        queue.push(p);
        continue;
      }
      cur.push(p);
      chars = nextChars;
      tokens = nextTokens;
      continue;
    }
    if (cur.length === 0) {
      const finer = p.split?.();
      if (!finer || finer.length === 0) {
        cur.push(p); // cannot happen by construction (grapheme pieces fit); never loop
        emit();
      } else queue.push(...finer.reverse());
      continue;
    }
    if (tokens >= o.minTokens || !p.split || p.grain >= Grain.sentence) {
      emit();
      queue.push(p);
      continue;
    }
    queue.push(...p.split().reverse());
  }
  emit();
  return overlap ? withOverlap(chunks, o) : chunks;
}

function assemble(pieces: readonly Piece[], tokens: number): Chunk {
  const first = pieces[0]!;
  let text = first.header ? `${first.header}\n${first.text}` : first.text;
  let kind: PieceKind = first.kind;
  let mixed = false;
  for (let i = 1; i < pieces.length; i++) {
    const p = pieces[i]!;
    text += p.join + p.text;
    if (p.kind !== kind) mixed = true;
  }
  // lone surrogates from the input are repaired here, on the (smaller) output
  text = toWellFormed(text.trim());
  if (mixed) kind = dominantKind(pieces);
  // a whole block brings all its links; a part of one only those whose text it holds
  const links: Link[] = [];
  let lastSet: Link[] | undefined;
  for (const p of pieces) {
    if (!p.links || p.links === lastSet) continue;
    lastSet = p.links;
    if (p.grain === Grain.block) links.push(...p.links);
    else for (const l of p.links) if (text.includes(l.text)) links.push(l);
  }
  return { text, kind, links, tokens: Math.ceil(tokens), cleanEnd: pieces[pieces.length - 1]!.cleanEnd };
}

function dominantKind(pieces: readonly Piece[]): PieceKind {
  const byKind = new Map<PieceKind, number>();
  for (const p of pieces) byKind.set(p.kind, (byKind.get(p.kind) ?? 0) + p.text.length);
  let kind: PieceKind = pieces[0]!.kind;
  let most = -1;
  for (const [k, n] of byKind) if (n > most) [kind, most] = [k, n];
  return kind;
}

/** Repeats the previous snippet's last sentences (up to the overlap) in front of the next one. */
function withOverlap(chunks: Chunk[], o: PackOptions): Chunk[] {
  return chunks.map((c, i) => {
    if (i === 0) return c;
    const prev = sentences(chunks[i - 1]!.text, o.lang);
    let tail = "";
    for (let j = prev.length - 1; j >= 0; j--) {
      const candidate = prev[j]! + tail;
      const s = sizeOf(candidate);
      if (s.tokens > o.overlapTokens || s.chars > o.overlapTokens * 4) break;
      tail = candidate;
    }
    tail = tail.trim();
    if (tail === "") return c;
    const text = `${tail}\n${c.text}`;
    const size = sizeOf(text);
    return fits(size, o.limits) ? { ...c, text, tokens: Math.ceil(size.tokens) } : c;
  });
}
