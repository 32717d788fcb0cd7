/**
 * Sentence, word and grapheme cutting with `Intl.Segmenter` in the text's language (so Japanese,
 * Chinese and Arabic sentences end where their own punctuation says). Segmenters are cached:
 * creating one costs far more than using it.
 */
import { fits, type Limits, type Size, tokenWeight } from "./measure.ts";

const cache = new Map<string, Intl.Segmenter>();

function segmenter(lang: string, granularity: "sentence" | "grapheme"): Intl.Segmenter {
  const k = `${granularity}:${lang}`;
  let s = cache.get(k);
  if (!s) {
    try {
      s = new Intl.Segmenter(lang, { granularity });
    } catch {
      // a tag ICU rejects: the root locale still cuts most scripts correctly
      s = new Intl.Segmenter(undefined, { granularity });
    }
    cache.set(k, s);
  }
  return s;
}

/** Sentences, each with its trailing whitespace, concatenating back to the input. */
export function sentences(text: string, lang: string): string[] {
  const out: string[] = [];
  for (const s of segmenter(lang, "sentence").segment(text)) out.push(s.segment);
  return out;
}

/**
 * Cuts after runs of whitespace, keeping the whitespace with the word before, except where the
 * next character is a combining mark (it belongs to the space's grapheme).
 */
export function words(text: string): string[] {
  return text.split(/(?<=\s)(?=\S)(?!\p{M})/u);
}

/** Lines, each but the last keeping its "\n". */
export function lines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

/**
 * The last resort for an over-long "word" (a URL, base64, a Japanese run with no punctuation):
 * pieces within `limits`, cut only between grapheme clusters, so no emoji, flag or combining
 * sequence is split and no surrogate pair is broken. A single cluster bigger than the limit
 * (thousands of stacked combining marks) is the one case cut inside, at code points: the size
 * limit is a hard promise to downstream stores.
 */
export function cutGraphemes(text: string, lang: string, limits: Limits): string[] {
  const out: string[] = [];
  let start = 0;
  let size: Size = { chars: 0, tokens: 0 };
  for (const g of segmenter(lang, "grapheme").segment(text)) {
    const w = tokenWeight(g.segment);
    const next = { chars: size.chars + g.segment.length, tokens: size.tokens + w };
    if (fits(next, limits)) {
      size = next;
      continue;
    }
    if (size.chars > 0) out.push(text.slice(start, g.index));
    start = g.index;
    size = { chars: g.segment.length, tokens: w };
    if (!fits(size, limits)) {
      out.push(...cutCodePoints(g.segment, limits));
      start = g.index + g.segment.length;
      size = { chars: 0, tokens: 0 };
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

function cutCodePoints(text: string, limits: Limits): string[] {
  const out: string[] = [];
  let cur = "";
  let size: Size = { chars: 0, tokens: 0 };
  for (const cp of text) {
    const next = { chars: size.chars + cp.length, tokens: size.tokens + tokenWeight(cp) };
    if (cur !== "" && !fits(next, limits)) {
      out.push(cur);
      cur = "";
      size = { chars: cp.length, tokens: tokenWeight(cp) };
    } else size = next;
    cur += cp;
  }
  if (cur) out.push(cur);
  return out;
}
