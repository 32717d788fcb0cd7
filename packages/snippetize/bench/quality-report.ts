/**
 * Prints the corpus quality figures of docs/snippets.md (node bench/quality-report.ts).
 * The same measures are asserted by test/corpus-quality.int.test.ts.
 */
import { corpusDir } from "@lumasnip/testkit";
import { readCorpus } from "../test/quality/corpus-docs.ts";
import { createEvaluator, langchainBaseline } from "../test/quality/evaluate.ts";
import { percent } from "../test/quality/metrics.ts";

const { dir, reason } = corpusDir();
if (!dir) {
  console.error(reason);
  process.exit(1);
}
const docs = readCorpus(dir);
const ev = createEvaluator();
type Agg = {
  docs: number;
  kept: number;
  total: number;
  snippets: number;
  overMax: number;
  notLast: number;
  underMin: number;
  well: number;
  starts: number;
  lc: number;
  lcWell: number;
  lcStarts: number;
  worst: number;
  worstDoc: string;
};
const groups = new Map<string, Agg>();
const agg = (k: string): Agg => {
  const found = groups.get(k);
  if (found) return found;
  const a: Agg = {
    docs: 0,
    kept: 0,
    total: 0,
    snippets: 0,
    overMax: 0,
    notLast: 0,
    underMin: 0,
    well: 0,
    starts: 0,
    lc: 0,
    lcWell: 0,
    lcStarts: 0,
    worst: 1,
    worstDoc: "",
  };
  groups.set(k, a);
  return a;
};
const problems: string[] = [];
const sizes: { tokens: number; chars: number; words: number }[] = [];
let tableRows = 0;
for (let i = 0; i < docs.length; i++) {
  const doc = docs[i]!;
  const r = await ev.evaluate(doc, i);
  const lc = await langchainBaseline(doc);
  tableRows += r.tableRows;
  for (const l of r.set.languages)
    for (const s of l.snippets)
      sizes.push({ tokens: s.tokens, chars: s.text.length, words: s.text.split(/\s+/).length });
  for (const k of ["all", `source ${doc.source}`, `lang ${doc.lang.split("-")[0]}`]) {
    const a = agg(k);
    a.docs++;
    a.kept += r.words.kept;
    a.total += r.words.total;
    a.snippets += r.snippets;
    a.overMax += r.overMax;
    a.notLast += r.notLast;
    a.underMin += r.underMin;
    a.well += r.endsWell;
    a.starts += r.startsWell;
    a.lcStarts += lc.startsWell;
    a.lc += lc.chunks;
    a.lcWell += lc.endsWell;
    const share = r.words.total === 0 ? 1 : r.words.kept / r.words.total;
    if (share < a.worst) [a.worst, a.worstDoc] = [share, doc.path.replace(dir, "")];
  }
  if (
    r.empty ||
    r.brokenSurrogates ||
    r.duplicateIds ||
    r.noise.length ||
    r.overMax ||
    r.headingProblems.length ||
    r.tableRowsWithoutHeader.length
  )
    problems.push(
      `${doc.path}: empty ${r.empty} broken ${r.brokenSurrogates} dupIds ${r.duplicateIds} overMax ${r.overMax} ` +
        `noise ${r.noise.slice(0, 2).join(" | ")} headings ${r.headingProblems.slice(0, 2).join(" | ")} tables ${r.tableRowsWithoutHeader.length}`,
    );
}
console.log(
  "| scope | pages | words kept | snippets | ≤ max | ≥ min (not last of section) | end at sentence/block | start at sentence/block | LangChain chunks | LangChain end at sentence/block | LangChain start at sentence/block | worst page kept |",
);
console.log("|---|---|---|---|---|---|---|---|---|---|---|---|");
for (const [k, a] of groups) {
  console.log(
    `| ${k} | ${a.docs} | ${percent(a.kept, a.total)} | ${a.snippets} | ${percent(a.snippets - a.overMax, a.snippets)} | ${percent(a.notLast - a.underMin, a.notLast)} | ${percent(a.well, a.snippets)} | ${percent(a.starts, a.snippets)} | ${a.lc} | ${percent(a.lcWell, a.lc)} | ${percent(a.lcStarts, a.lc)} | ${(a.worst * 100).toFixed(1)} % ${a.worstDoc} |`,
  );
}
const q = (k: "tokens" | "chars" | "words", p: number) =>
  [...sizes].sort((a, b) => a[k] - b[k])[Math.floor((sizes.length - 1) * p)]![k];
for (const k of ["tokens", "chars", "words"] as const)
  console.log(`${k}: p10 ${q(k, 0.1)}, median ${q(k, 0.5)}, p90 ${q(k, 0.9)}, max ${q(k, 1)}`);
console.log(`table rows checked for their header: ${tableRows}`);
if (problems.length) console.log(`\nproblems:\n${problems.slice(0, 30).join("\n")}`);
