/**
 * Measures shared by the corpus quality tests and the report in docs/snippets.md.
 */

const WORD =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[^\s\p{P}\p{S}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

/**
 * Words of a text, lower-cased (html-to-text upper-cases headings): runs of letters/digits; each
 * CJK character counts as a word.
 */
export function wordCounts(text: string, into = new Map<string, number>()): Map<string, number> {
  for (const m of text.toLowerCase().matchAll(WORD)) into.set(m[0], (into.get(m[0]) ?? 0) + 1);
  return into;
}

/** Share of the reference's words (with multiplicity) found in the candidate. */
export function wordsKept(
  reference: Map<string, number>,
  candidate: Map<string, number>,
): { kept: number; total: number } {
  let kept = 0;
  let total = 0;
  for (const [w, n] of reference) {
    total += n;
    kept += Math.min(n, candidate.get(w) ?? 0);
  }
  return { kept, total };
}

const SENTENCE_END = /[.!?。！？؟…:;：；)\]】」』"'”’»]\s*$/u;

/**
 * A chunk ends well when it ends with sentence punctuation, or where a line (a block, item, row)
 * of its source text ends. The same rule judges every splitter.
 */
export function endsWell(chunk: string, source: string): boolean {
  const t = chunk.trimEnd();
  if (SENTENCE_END.test(t)) return true;
  const last = t.slice(t.lastIndexOf("\n") + 1).trim();
  if (last === "") return true;
  const at = source.indexOf(last);
  if (at < 0) return false;
  for (let i = at; i >= 0; i = source.indexOf(last, i + 1)) {
    const after = source.charCodeAt(i + last.length);
    if (Number.isNaN(after) || after === 10 || after === 13) return true;
    if (
      /\s/.test(source[i + last.length]!) &&
      /^[ \t]*(\n|$)/.test(source.slice(i + last.length, i + last.length + 40))
    )
      return true;
  }
  return false;
}

/** A lone surrogate anywhere (a pair cut in half). */
export function hasBrokenSurrogate(text: string): boolean {
  return !text.isWellFormed();
}

export function percent(n: number, d: number): string {
  return d === 0 ? "n/a" : `${((100 * n) / d).toFixed(2)} %`;
}

/**
 * A chunk starts well when its first line begins a line of the source, or follows sentence
 * punctuation there (overlapping splitters start mid-sentence).
 */
export function startsWell(chunk: string, source: string): boolean {
  const t = chunk.trimStart();
  const first = t.slice(0, Math.min(t.length, 40, t.indexOf("\n") < 0 ? 40 : t.indexOf("\n")));
  if (first === "") return true;
  for (let i = source.indexOf(first); i >= 0; i = source.indexOf(first, i + 1)) {
    const before = source.slice(Math.max(0, i - 3), i);
    if (i === 0 || /\n\s*$/.test(before) || /[.!?。！？؟:;]\s*$/u.test(before)) return true;
  }
  return false;
}
