import { describe, expect, it } from "vitest";
import { estimateTokens, sizeOf } from "./measure.ts";
import { cutGraphemes, sentences, words } from "./segment.ts";

const graphemes = (s: string) =>
  [...new Intl.Segmenter("en", { granularity: "grapheme" }).segment(s)].map((g) => g.segment);

describe("sentences", () => {
  it("cuts Japanese and Chinese at their own full stops, with no spaces needed", () => {
    expect(sentences("これは文です。これも文です。", "ja")).toEqual(["これは文です。", "これも文です。"]);
    expect(sentences("这是第一句。这是第二句！", "zh-CN")).toEqual(["这是第一句。", "这是第二句！"]);
  });

  it("cuts Arabic at its question mark and full stop", () => {
    expect(sentences("ما هذا؟ هذا كتاب.", "ar")).toEqual(["ما هذا؟ ", "هذا كتاب."]);
  });

  it("falls back to the root locale for a tag ICU does not know", () => {
    expect(sentences("One. Two.", "xx-XX").length).toBe(2);
  });
});

describe("words", () => {
  it("keeps a combining mark with the space it follows", () => {
    expect(words("a \u0301b c")).toEqual(["a \u0301b ", "c"]);
  });
});

describe("cutGraphemes", () => {
  // the family emoji is 11 UTF-16 units: the limit must hold the largest grapheme
  const limits = { maxChars: 12, maxTokens: 1000 };

  it("never splits an emoji sequence, a flag or a combining sequence", () => {
    const text = "ab👩‍👩‍👧‍👦cd🇫🇷e\u0301\u0302fg".repeat(3);
    const pieces = cutGraphemes(text, "en", limits);
    expect(pieces.join("")).toBe(text);
    for (const p of pieces) {
      expect(p.isWellFormed()).toBe(true);
      expect(graphemes(p).join("")).toBe(p);
    }
    // every cut falls on a grapheme boundary of the whole text
    const boundaries = new Set<number>();
    let at = 0;
    for (const g of graphemes(text)) {
      at += g.length;
      boundaries.add(at);
    }
    let cut = 0;
    for (const p of pieces.slice(0, -1)) {
      cut += p.length;
      expect(boundaries.has(cut)).toBe(true);
    }
  });

  it("keeps every piece within the limit unless a single grapheme is larger", () => {
    const pieces = cutGraphemes("x".repeat(50), "en", limits);
    expect(pieces.every((p) => p.length <= 12)).toBe(true);
  });

  it("cuts a single grapheme larger than the limit at code points, not inside a surrogate pair", () => {
    const zalgo = `e${"\u0301".repeat(20)}😀`;
    const pieces = cutGraphemes(zalgo, "en", { maxChars: 5, maxTokens: 1000 });
    expect(pieces.join("")).toBe(zalgo);
    expect(pieces.every((p) => p.isWellFormed() && p.length <= 5)).toBe(true);
  });
});

describe("token estimate", () => {
  it("counts about four ASCII characters, one CJK character or two and a half others per token", () => {
    expect(estimateTokens("abcdefgh")).toBe(2);
    expect(estimateTokens("日本語")).toBe(3);
    expect(estimateTokens("привет")).toBe(3);
    expect(sizeOf("😀").tokens).toBe(1);
  });
});
