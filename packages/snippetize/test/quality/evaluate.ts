import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import { compile } from "html-to-text";
import { stripTemplateTags } from "../../src/html/inline-text.ts";
import { blockText, createSnippetizer, htmlContent, sectionsFor, type Snippetizer } from "../../src/index.ts";
import type { SnippetSet } from "@lumasnip/schema";
import type { CorpusDoc } from "./corpus-docs.ts";
import { endsWell, hasBrokenSurrogate, wordCounts, wordsKept } from "./metrics.ts";

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
    ...["nav", "[role=navigation]", "noscript", "button", "select", "textarea"].map((selector) => ({ selector, format: "skip" })),
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
  empty: number;
  brokenSurrogates: number;
  duplicateIds: number;
  noise: string[];
}

const NOISE_MARKERS = [/<script/i, /<style/i, /<!--/, /\bwp:paragraph\b/, /\{\{[^}]*\}\}/, /\{%[^%]*%\}/, /function\s*\(\)\s*\{/];

export function createEvaluator(settings = {}) {
  const sn: Snippetizer = createSnippetizer(settings);
  const max = { chars: sn.settings.maxChars, tokens: sn.settings.maxTokens };
  return {
    snippetizer: sn,
    async evaluate(doc: CorpusDoc, index: number): Promise<DocResult> {
      const event = htmlContent(doc.html, { contentId: `c${index}`, lang: doc.lang, url: doc.url ?? `https://docs.example/${index}` });
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
      const words = wordsKept(wordCounts(referenceText(doc.html)), candidate);
      let overMax = 0;
      let notLast = 0;
      let underMin = 0;
      let well = 0;
      let empty = 0;
      let broken = 0;
      const noise: string[] = [];
      snippets.forEach((s, i) => {
        if (s.text.length > max.chars || s.tokens > max.tokens) overMax++;
        const next = snippets[i + 1];
        const lastOfSection = !next || JSON.stringify(next.headingPath) !== JSON.stringify(s.headingPath) || next.audience.join() !== s.audience.join();
        if (!lastOfSection) {
          notLast++;
          if (s.tokens < sn.settings.minTokens) underMin++;
        }
        if (endsWell(s.text, source)) well++;
        if (s.text.trim() === "") empty++;
        if (hasBrokenSurrogate(s.text)) broken++;
        for (const re of NOISE_MARKERS) if (re.test(s.text)) noise.push(`${re}: ${s.text.slice(0, 80)}`);
      });
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
        empty,
        brokenSurrogates: broken,
        duplicateIds: ids.length - new Set(ids).size,
        noise,
      };
    },
  };
}

/** LangChain's splitter on html-to-text's rendering: the baseline the design compares against. */
export async function langchainBaseline(doc: CorpusDoc): Promise<{ chunks: number; endsWell: number }> {
  const text = referenceText(doc.html);
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 1000, chunkOverlap: 200 });
  const chunks = await splitter.splitText(text);
  return { chunks: chunks.length, endsWell: chunks.filter((c) => endsWell(c, text)).length };
}
