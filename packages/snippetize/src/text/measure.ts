/**
 * Approximate token count of a text, for budgeting against embedding/LLM context limits without
 * shipping a tokenizer. Weights per UTF-16 unit, chosen to slightly over-count against
 * cl100k/o200k-style BPE vocabularies (docs/snippets.md#sizes): ASCII ~4 characters a token,
 * CJK ideographs/kana/hangul ~1 a token, other scripts (Cyrillic, Arabic, accented Latin) ~2.5.
 * The sum is additive over concatenation, which packing relies on.
 */
const NON_ASCII = /[^\u0000-\u007f]/;

/**
 * Weight of a non-ASCII UTF-16 unit by its high byte (256-unit pages): one table load per
 * character instead of a chain of range tests.
 */
const PAGE_WEIGHT = (() => {
  const t = new Float64Array(256).fill(0.4);
  const wide = (from: number, to: number) => {
    for (let p = from; p <= to; p++) t[p] = 1;
  };
  wide(0x30, 0x30); // CJK punctuation, hiragana, katakana
  wide(0x34, 0x4d); // CJK extension A
  wide(0x4e, 0x9f); // CJK unified ideographs
  wide(0xac, 0xd7); // hangul syllables
  wide(0xd8, 0xdb); // high surrogates: an astral character (emoji, rare ideograph) is a token or more
  for (let p = 0xdc; p <= 0xdf; p++) t[p] = 0; // low surrogates: counted with their high half
  wide(0xf9, 0xfa); // CJK compatibility ideographs
  wide(0xff, 0xff); // full-width forms
  return t;
})();

export function tokenWeight(text: string): number {
  if (!NON_ASCII.test(text)) return text.length * 0.25;
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    w += c < 0x80 ? 0.25 : PAGE_WEIGHT[c >> 8]!;
  }
  return w;
}

/** Integer token estimate of a whole snippet. */
export function estimateTokens(text: string): number {
  return Math.ceil(tokenWeight(text));
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
