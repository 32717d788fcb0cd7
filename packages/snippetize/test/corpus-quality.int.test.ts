/**
 * Snippet quality on every page and language of the shared corpus (docs/snippets.md#quality).
 * The figures these assert are printed by bench/quality-report.ts.
 */
import { corpusDir } from "@lumasnip/testkit";
import { beforeAll, describe, expect, it } from "vitest";
import { createSnippetizer, htmlContent } from "../src/index.ts";
import { type CorpusDoc, readCorpus } from "./quality/corpus-docs.ts";
import { createEvaluator, type DocResult } from "./quality/evaluate.ts";

const { dir, reason } = corpusDir();

describe.skipIf(!dir)(`snippets of the shared corpus${dir ? "" : ` (skipped: ${reason})`}`, () => {
  let docs: CorpusDoc[] = [];
  let results: DocResult[] = [];
  const sum = (f: (r: DocResult) => number) => results.reduce((n, r) => n + f(r), 0);

  beforeAll(async () => {
    docs = readCorpus(dir!);
    const ev = createEvaluator();
    results = [];
    for (let i = 0; i < docs.length; i++) results.push(await ev.evaluate(docs[i]!, i));
  }, 600_000);

  it("covers every page of the corpus, in all its languages", () => {
    expect(docs.length).toBeGreaterThan(1900);
    expect(new Set(docs.map((d) => d.lang.split("-")[0]))).toEqual(
      new Set(["en", "de", "fr", "es", "ja", "zh", "ru", "ar", "fa"]),
    );
  });

  it("keeps at least 99 % of the words of the body overall and in every source", () => {
    const share = (rs: DocResult[]) =>
      rs.reduce((n, r) => n + r.words.kept, 0) / rs.reduce((n, r) => n + r.words.total, 0);
    expect(share(results)).toBeGreaterThanOrEqual(0.99);
    for (const source of new Set(docs.map((d) => d.source))) {
      expect(share(results.filter((r) => r.doc.source === source)), source).toBeGreaterThanOrEqual(0.99);
    }
  });

  it("lets nothing from scripts, styles or comments into a snippet", () => {
    const found = results.flatMap((r) => r.noise.map((n) => `${r.doc.path}: ${n}`));
    expect(found).toEqual([]);
  });

  it("keeps every snippet at or under the maximum size", () => {
    expect(sum((r) => r.overMax)).toBe(0);
  });

  it("keeps at least 90 % of snippets at or over the minimum, a section's last snippet excepted", () => {
    expect(1 - sum((r) => r.underMin) / sum((r) => r.notLast)).toBeGreaterThanOrEqual(0.9);
  });

  it("ends at least 95 % of snippets at a sentence or block end", () => {
    expect(sum((r) => r.endsWell) / sum((r) => r.snippets)).toBeGreaterThanOrEqual(0.95);
  });

  it("gives every snippet after a heading its heading path, made of the page's headings", () => {
    const problems = results.flatMap((r) => r.headingProblems.map((p) => `${r.doc.path}: ${p}`));
    expect(problems).toEqual([]);
  });

  it("puts the header row above every table row it cuts off", () => {
    expect(sum((r) => r.tableRows)).toBeGreaterThan(1000);
    const missing = results.flatMap((r) => r.tableRowsWithoutHeader.map((row) => `${r.doc.path}: ${row}`));
    expect(missing).toEqual([]);
  });

  it("produces no empty snippet, no broken surrogate pair and no duplicate id within a content", () => {
    expect(sum((r) => r.empty)).toBe(0);
    expect(sum((r) => r.brokenSurrogates)).toBe(0);
    expect(sum((r) => r.duplicateIds)).toBe(0);
  });

  it("gives the same ids on a second run", async () => {
    const sn = createSnippetizer();
    for (let i = 0; i < docs.length; i += 7) {
      const d = docs[i]!;
      const again = await sn.snippetize(
        htmlContent(d.html, { contentId: `c${i}`, lang: d.lang, url: d.url ?? `https://docs.example/${i}` }),
      );
      expect(again.languages.flatMap((l) => l.snippets.map((s) => s.id))).toEqual(
        results[i]!.set.languages.flatMap((l) => l.snippets.map((s) => s.id)),
      );
    }
  }, 300_000);

  it("changes ids only inside the section whose paragraph was edited", async () => {
    const sn = createSnippetizer();
    let edited = 0;
    for (let i = 0; i < docs.length && edited < 150; i += 5) {
      const d = docs[i]!;
      const before = results[i]!.set.languages.flatMap((l) => l.snippets);
      if (new Set(before.map((s) => s.headingPath.join("\u0000"))).size < 3) continue;
      // put a word after the opening tag of a paragraph in the middle of the page
      const opens = [...d.html.matchAll(/<(p|div class="para")>/g)];
      const target = opens[Math.floor(opens.length / 2)];
      if (!target) continue;
      const at = target.index! + target[0].length;
      const html = `${d.html.slice(0, at)}Xyzzyedit ${d.html.slice(at)}`;
      const after = (
        await sn.snippetize(
          htmlContent(html, { contentId: `c${i}`, lang: d.lang, url: d.url ?? `https://docs.example/${i}` }),
        )
      ).languages.flatMap((l) => l.snippets);
      const hit = after.find((s) => s.text.includes("Xyzzyedit"));
      if (!hit) continue;
      edited++;
      const path = hit.headingPath.join("\u0000");
      const outside = (list: typeof before) =>
        list.filter((s) => s.headingPath.join("\u0000") !== path).map((s) => s.id);
      expect(outside(after), d.path).toEqual(outside(before));
      expect(
        after
          .filter((s) => s.headingPath.join("\u0000") === path)
          .some((s) => !before.some((b) => b.id === s.id)),
      ).toBe(true);
    }
    expect(edited).toBeGreaterThan(100);
  }, 300_000);
});
