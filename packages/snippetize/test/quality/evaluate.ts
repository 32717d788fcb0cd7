import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import type { SnippetSet } from "@lumasnip/schema";
import { compile } from "html-to-text";
import { Parser } from "htmlparser2";
import { stripTemplateTags } from "../../src/html/inline-text.ts";
import { blockText, createSnippetizer, htmlContent, type Snippetizer, sectionsFor } from "../../src/index.ts";
import type { CorpusDoc } from "./corpus-docs.ts";
import { endsWell, hasBrokenSurrogate, startsWell, wordCounts, wordsKept } from "./metrics.ts";

/**
 * The reference rendering for "no text lost": html-to-text over the same HTML, with what the
 * snippetizer leaves out of the text by design also left out here: images and link targets (not
 * text), navigation, `<noscript>` fallbacks and form controls (not body text), unrendered template
 * tags (noise). Definition lists and tables render with their cells apart (html-to-text runs
 * `dt`s and layout-table cells together otherwise).
 */
const renderReference = compile({
  wordwrap: false,
  selectors: [
    { selector: "img", format: "skip" },
    { selector: "a", options: { ignoreHref: true } },
    ...["nav", "[role=navigation]", "noscript", "button", "select", "textarea"].map((selector) => ({
      selector,
      format: "skip",
    })),
    ...["dl", "dt", "dd"].map((selector) => ({ selector, format: "block" })),
    // every table as a data table: the default layout format runs cells together
    { selector: "table", format: "dataTable" },
  ],
});

export function referenceText(html: string): string {
  return stripTemplateTags(renderReference(html));
}

export interface DocResult {
  doc: CorpusDoc;
  set: SnippetSet;
  words: { kept: number; total: number };
  snippets: number;
  overMax: number;
  /** snippets that are not the last of their section, and of those the ones under the minimum */
  notLast: number;
  underMin: number;
  endsWell: number;
  startsWell: number;
  empty: number;
  brokenSurrogates: number;
  duplicateIds: number;
  /** lines of script/style/comment text found in snippets (must be none) */
  noise: string[];
  /** snippets after the first heading that have no heading path, or whose last heading is not in the page */
  headingProblems: string[];
  /** rows of cut tables checked for their header, and the ones found without it */
  tableRows: number;
  tableRowsWithoutHeader: string[];
}

/** Distinctive lines (≥ 24 characters) of script, style and comment text that the page does not also show. */
function hiddenLines(html: string, visible: string): string[] {
  const out = new Set<string>();
  let inCode = 0;
  const add = (text: string) => {
    for (const line of text.split("\n")) {
      const t = line.trim().replace(/\s+/g, " ");
      if (t.length >= 24 && !visible.includes(t)) out.add(t);
    }
  };
  const parser = new Parser({
    onopentag: (name) => {
      if (name === "script" || name === "style") inCode++;
    },
    onclosetag: (name) => {
      if (name === "script" || name === "style") inCode--;
    },
    ontext: (t) => {
      if (inCode > 0) add(t);
    },
    oncomment: add,
  });
  parser.end(html);
  return [...out];
}

export function createEvaluator(settings = {}) {
  const sn: Snippetizer = createSnippetizer(settings);
  const max = { chars: sn.settings.maxChars, tokens: sn.settings.maxTokens };
  return {
    snippetizer: sn,
    async evaluate(doc: CorpusDoc, index: number): Promise<DocResult> {
      const event = htmlContent(doc.html, {
        contentId: `c${index}`,
        lang: doc.lang,
        url: doc.url ?? `https://docs.example/${index}`,
      });
      const set = await sn.snippetize(event, "2026-01-01T00:00:00.000Z");
      const snippets = set.languages.flatMap((l) => l.snippets);
      // the snippets' own source text: the blocks they were cut from, one per line
      const source = sectionsFor(event.content, doc.lang, sn.settings)
        .flatMap((s) => s.blocks.map(blockText))
        .join("\n");
      const candidate = new Map<string, number>();
      for (const s of snippets) {
        wordCounts(s.text, candidate);
      }
      const headings = new Set(snippets.flatMap((s) => s.headingPath));
      for (const h of headings) wordCounts(h, candidate);
      const reference = referenceText(doc.html);
      const words = wordsKept(wordCounts(reference), candidate);
      const flatReference = reference.toLowerCase().replace(/\s+/g, " ");
      let overMax = 0;
      let notLast = 0;
      let underMin = 0;
      let well = 0;
      let starts = 0;
      let empty = 0;
      let broken = 0;
      const headingProblems: string[] = [];
      let seenHeading = false;
      snippets.forEach((s, i) => {
        if (s.text.length > max.chars || s.tokens > max.tokens) overMax++;
        const next = snippets[i + 1];
        const lastOfSection =
          !next ||
          JSON.stringify(next.headingPath) !== JSON.stringify(s.headingPath) ||
          next.audience.join() !== s.audience.join();
        if (!lastOfSection) {
          notLast++;
          if (s.tokens < sn.settings.minTokens) underMin++;
        }
        if (endsWell(s.text, source)) well++;
        if (startsWell(s.text, source)) starts++;
        if (s.text.trim() === "") empty++;
        if (hasBrokenSurrogate(s.text)) broken++;
        const last = s.headingPath[s.headingPath.length - 1];
        if (last !== undefined) {
          seenHeading = true;
          if (!flatReference.includes(last.toLowerCase().replace(/\s+/g, " ")))
            headingProblems.push(`heading not in page: ${last}`);
        } else if (seenHeading)
          headingProblems.push(`no heading path after a heading: ${s.text.slice(0, 60)}`);
      });
      const texts = snippets.map((s) => s.text);
      const noise = hiddenLines(doc.html, reference).filter((line) =>
        texts.some((t) => t.replace(/\s+/g, " ").includes(line)),
      );
      const tables = checkTableHeaders(event, doc.lang, sn, texts);
      const ids = snippets.map((s) => s.id);
      return {
        doc,
        set,
        words,
        snippets: snippets.length,
        overMax,
        notLast,
        underMin,
        endsWell: well,
        startsWell: starts,
        empty,
        brokenSurrogates: broken,
        duplicateIds: ids.length - new Set(ids).size,
        noise,
        headingProblems,
        tableRows: tables.checked,
        tableRowsWithoutHeader: tables.missing,
      };
    },
  };
}

/**
 * Every row of a table with header rows, found in a snippet, must have the table's first header
 * line above it in that snippet (rows that occur more than once in the page are not judged).
 */
function checkTableHeaders(
  event: ReturnType<typeof htmlContent>,
  lang: string,
  sn: Snippetizer,
  texts: string[],
): { checked: number; missing: string[] } {
  const blocks = sectionsFor(event.content, lang, sn.settings).flatMap((s) => s.blocks);
  const lineCount = new Map<string, number>();
  for (const b of blocks)
    for (const l of blockText(b).split("\n")) lineCount.set(l, (lineCount.get(l) ?? 0) + 1);
  let checked = 0;
  const missing: string[] = [];
  for (const b of blocks) {
    if (b.kind !== "table" || b.header.length === 0) continue;
    const header = b.header[0]!;
    for (const row of b.rows) {
      if (lineCount.get(row) !== 1 || row.trim() === "") continue;
      for (const t of texts) {
        const lines = t.split("\n");
        const at = lines.indexOf(row);
        if (at < 0) continue;
        checked++;
        if (!lines.slice(0, at).includes(header)) missing.push(row.slice(0, 60));
      }
    }
  }
  return { checked, missing };
}

/** LangChain's splitter on html-to-text's rendering: the baseline the design compares against. */
export async function langchainBaseline(
  doc: CorpusDoc,
): Promise<{ chunks: number; endsWell: number; startsWell: number }> {
  const text = referenceText(doc.html);
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 1000, chunkOverlap: 200 });
  const chunks = await splitter.splitText(text);
  return {
    chunks: chunks.length,
    endsWell: chunks.filter((c) => endsWell(c, text)).length,
    startsWell: chunks.filter((c) => startsWell(c, text)).length,
  };
}
