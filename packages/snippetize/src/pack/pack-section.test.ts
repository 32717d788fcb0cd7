import { describe, expect, it } from "vitest";
import { htmlToBlocks } from "../html/html-to-blocks.ts";
import type { ContentBlock } from "../html/types.ts";
import { estimateTokens } from "../text/measure.ts";
import { type Chunk, type PackOptions, packSection } from "./pack-section.ts";
import { buildSections } from "./sections.ts";

/** The blocks of a one-section page, lead-ins glued as the section builder does. */
const content = (html: string): ContentBlock[] =>
  buildSections([{ type: "blocks", blocks: htmlToBlocks(html) }], ["*"])[0]?.blocks ?? [];
const options = (o: Partial<PackOptions> = {}): PackOptions => ({
  lang: "en",
  limits: { maxChars: 400, maxTokens: 100 },
  minTokens: 30,
  overlapTokens: 0,
  ...o,
});
const withinLimits = (chunks: Chunk[], o: PackOptions) =>
  chunks.every(
    (c) =>
      c.text.length <= o.limits.maxChars &&
      estimateTokens(c.text) <= o.limits.maxTokens &&
      c.tokens <= o.limits.maxTokens,
  );
const sentence = (i: number) => `Sentence number ${i} says something useful about the topic.`;

describe("packSection", () => {
  it("packs paragraphs up to the limit and cuts long ones at sentence ends", () => {
    const html = Array.from(
      { length: 6 },
      (_, p) => `<p>${Array.from({ length: 5 }, (_, i) => sentence(p * 5 + i)).join(" ")}</p>`,
    ).join("");
    const o = options();
    const chunks = packSection(content(html), o);
    expect(chunks.length).toBeGreaterThan(3);
    expect(withinLimits(chunks, o)).toBe(true);
    expect(chunks.every((c) => /\.$/.test(c.text) && c.cleanEnd)).toBe(true);
    expect(chunks.slice(0, -1).every((c) => c.tokens >= o.minTokens)).toBe(true);
    // nothing lost, nothing doubled
    expect(
      chunks
        .map((c) => c.text)
        .join(" ")
        .replace(/\s+/g, " "),
    ).toBe(
      content(html)
        .map((b) => (b as { text: string }).text)
        .join(" "),
    );
  });

  it("balances a section a little over the limit into two halves instead of a full one and a crumb", () => {
    const html = `<p>${Array.from({ length: 12 }, (_, i) => sentence(i)).join(" ")}</p>`;
    const chunks = packSection(content(html), options({ limits: { maxChars: 600, maxTokens: 1000 } }));
    expect(chunks).toHaveLength(2);
    expect(Math.abs(chunks[0]!.text.length - chunks[1]!.text.length)).toBeLessThan(150);
  });

  it("cuts a big table by rows and repeats the header rows at the top of every part", () => {
    const rows = Array.from(
      { length: 40 },
      (_, i) => `<tr><td>pkg-${i}</td><td>description of package ${i}</td></tr>`,
    ).join("");
    const html = `<table><caption>Packages</caption><thead><tr><th>name</th><th>description</th></tr></thead><tbody>${rows}</tbody></table>`;
    const o = options();
    const chunks = packSection(content(html), o);
    expect(chunks.length).toBeGreaterThan(2);
    expect(withinLimits(chunks, o)).toBe(true);
    for (const c of chunks) {
      expect(c.kind).toBe("table");
      expect(c.text.startsWith("Packages\nname | description\npkg-")).toBe(true);
    }
    const bodyRows = chunks.flatMap((c) => c.text.split("\n").slice(2));
    expect(bodyRows).toHaveLength(40);
  });

  it("keeps a list with its lead-in sentence, repeated over every part of a long list", () => {
    const items = Array.from({ length: 30 }, (_, i) => `<li>item ${i} with a few words of text</li>`).join(
      "",
    );
    const html = `<p>Some context first. Install these packages:</p><ul>${items}</ul>`;
    const o = options();
    const chunks = packSection(content(html), o);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks[0]!.text.startsWith("Some context first. Install these packages:\n- item 0")).toBe(true);
    for (const c of chunks.slice(1)) expect(c.text.startsWith("Install these packages:\n- item")).toBe(true);
    expect(chunks.every((c) => c.kind === "list")).toBe(true);
  });

  it("does not re-flow code: every line of a long listing stays a whole line", () => {
    const lines = Array.from({ length: 60 }, (_, i) => `    echo "line ${i}"   # keep   spacing`);
    const chunks = packSection(content(`<pre>${lines.join("\n")}</pre>`), options());
    expect(chunks.length).toBeGreaterThan(1);
    const out = chunks.flatMap((c) => c.text.split("\n"));
    expect(out.map((l) => l.trim())).toEqual(lines.map((l) => l.trim()));
    expect(chunks.every((c) => c.kind === "code")).toBe(true);
  });

  it("cuts an over-long word (base64) into pieces within the limit as a last resort", () => {
    const b64 = Buffer.from("x".repeat(3000)).toString("base64");
    const o = options();
    const chunks = packSection(content(`<p>Key: ${b64} end.</p>`), o);
    expect(withinLimits(chunks, o)).toBe(true);
    expect(chunks.map((c) => c.text).join("")).toBe(`Key:${b64}end.`);
  });

  it("cuts Japanese without spaces at its full stops", () => {
    const text = Array.from(
      { length: 40 },
      (_, i) => `これは${i}番目の文で、スペースのない日本語の文章です。`,
    ).join("");
    const o = options({ lang: "ja" });
    const chunks = packSection(content(`<p>${text}</p>`), o);
    expect(chunks.length).toBeGreaterThan(3);
    expect(withinLimits(chunks, o)).toBe(true);
    expect(chunks.every((c) => c.text.endsWith("。"))).toBe(true);
    expect(chunks.map((c) => c.text).join("")).toBe(text);
  });

  it("cuts right-to-left Arabic at its sentence ends", () => {
    const text = Array.from({ length: 40 }, (_, i) => `هذه الجملة رقم ${i} تتحدث عن النظام.`).join(" ");
    const o = options({ lang: "ar" });
    const chunks = packSection(content(`<p dir="rtl">${text}</p>`), o);
    expect(chunks.length).toBeGreaterThan(2);
    expect(withinLimits(chunks, o)).toBe(true);
    expect(chunks.every((c) => c.text.endsWith("."))).toBe(true);
  });

  it("never breaks an emoji, a flag or a combining sequence where a cut falls", () => {
    const run = "👩‍👩‍👧‍👦🇫🇷e\u0301\u0302".repeat(200);
    const o = options({ limits: { maxChars: 100, maxTokens: 1000 } });
    const chunks = packSection(content(`<p>${run}</p>`), o);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.map((c) => c.text).join("")).toBe(run);
    const seg = new Intl.Segmenter("en", { granularity: "grapheme" });
    const whole = [...seg.segment(run)].map((g) => g.segment);
    const parts = chunks.flatMap((c) => [...seg.segment(c.text)].map((g) => g.segment));
    expect(parts).toEqual(whole);
  });

  it("repairs lone surrogates of the input in the snippet text", () => {
    const chunks = packSection(content("<p>bad \ud800 pair and a good 😀 one.</p>"), options());
    expect(chunks.map((c) => c.text)).toEqual(["bad \ufffd pair and a good 😀 one."]);
  });

  it("repeats the end of the previous snippet when an overlap is set", () => {
    const html = `<p>${Array.from({ length: 20 }, (_, i) => sentence(i)).join(" ")}</p>`;
    const o = options({ overlapTokens: 20 });
    const chunks = packSection(content(html), o);
    expect(chunks.length).toBeGreaterThan(2);
    expect(withinLimits(chunks, o)).toBe(true);
    for (let i = 1; i < chunks.length; i++) {
      const prevLast = chunks[i - 1]!.text.split(/(?<=\.) /).pop()!;
      expect(chunks[i]!.text.startsWith(prevLast)).toBe(true);
    }
  });
});
