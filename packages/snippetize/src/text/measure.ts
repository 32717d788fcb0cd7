/**
 * Approximate token count of a text, for budgeting against embedding/LLM context limits without
 * shipping a tokenizer. Weights per UTF-16 unit, chosen to slightly over-count against
 * cl100k/o200k-style BPE vocabularies (docs/snippets.md#sizes): ASCII ~4 characters a token,
 * CJK ideographs/kana/hangul ~1 a token, other scripts (Cyrillic, Arabic, accented Latin) ~2.5.
 * The sum is additive over concatenation, which packing relies on.
 */
const NON_ASCII = /[^\u0000-\u007f]/;

export function tokenWeight(text: string): number {
  if (!NON_ASCII.test(text)) return text.length * 0.25;
  let ascii = 0;
  let wide = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) ascii++;
    else if (isWide(c)) wide++;
    else if (c >= 0xdc00 && c <= 0xdfff)
      continue; // low half of a pair: counted with its high half
    else other++;
  }
  return ascii * 0.25 + wide + other * 0.4;
}

/** Integer token estimate of a whole snippet. */
export function estimateTokens(text: string): number {
  return Math.ceil(tokenWeight(text));
}

function isWide(c: number): boolean {
  return (
    (c >= 0x3040 && c <= 0x30ff) || // hiragana, katakana
    (c >= 0x3400 && c <= 0x4dbf) || // CJK extension A
    (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
    (c >= 0xac00 && c <= 0xd7af) || // hangul syllables
    (c >= 0xf900 && c <= 0xfaff) || // CJK compatibility ideographs
    (c >= 0xff00 && c <= 0xffef) || // full-width forms
    (c >= 0xd800 && c <= 0xdbff) // astral plane (emoji, rare ideographs): a token or more each
  );
}

export interface Size {
  chars: number;
  tokens: number;
}

export interface Limits {
  maxChars: number;
  maxTokens: number;
}

export function sizeOf(text: string): Size {
  return { chars: text.length, tokens: tokenWeight(text) };
}

export function fits(size: Size, limits: Limits): boolean {
  return size.chars <= limits.maxChars && size.tokens <= limits.maxTokens;
}

/** How full a size is, as a share of the tighter limit (1 = at the limit). */
export function fill(size: Size, limits: Limits): number {
  return Math.max(size.chars / limits.maxChars, size.tokens / limits.maxTokens);
}
