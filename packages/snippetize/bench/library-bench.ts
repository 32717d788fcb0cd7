/**
 * Library throughput on the full shared corpus, one core (this process, no workers), in the
 * same run as the two references the design names:
 *   (a) html-to-text `convert` + LangChain RecursiveCharacterTextSplitter(1000/200), as the design
 *       names it; (a') the same with html-to-text compiled once (its faster use), for transparency
 *   (b) a bare htmlparser2 parse, no callbacks (the ceiling: no text is produced)
 * Each is run RUNS times, interleaved, after a warm-up; the median is reported. Time is this
 * process's CPU time (user + system), so other load on the machine does not count against a
 * pipeline; wall-clock medians are printed beside it. Not a test.
 *
 *   pnpm --filter @lumasnip/snippetize exec node bench/library-bench.ts [--runs 5] [--json]
 */
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import { corpusDir } from "@lumasnip/testkit";
import { compile, convert } from "html-to-text";
import { Parser } from "htmlparser2";
import { createSnippetizer, htmlContent } from "../src/index.ts";
import { readCorpus } from "../test/quality/corpus-docs.ts";

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1]) || 5;
const { dir, reason } = corpusDir();
if (!dir) {
  console.error(reason);
  process.exit(1);
}
const docs = readCorpus(dir);
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.html), 0);
const events = docs.map((d, i) =>
  htmlContent(d.html, { contentId: `c${i}`, lang: d.lang, url: `https://docs.example/${i}` }),
);

const snippetizer = createSnippetizer();
const toText = compile({ wordwrap: false });
const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 1000, chunkOverlap: 200 });

let sink = 0;
const candidates: Record<string, () => Promise<void>> = {
  lumasnip: async () => {
    for (const e of events)
      sink += (await snippetizer.snippetize(e, "2026-01-01T00:00:00.000Z")).languages.length;
  },
  "html-to-text convert + LangChain": async () => {
    for (const d of docs) sink += (await splitter.splitText(convert(d.html, { wordwrap: false }))).length;
  },
  "html-to-text compiled + LangChain": async () => {
    for (const d of docs) sink += (await splitter.splitText(toText(d.html))).length;
  },
  "htmlparser2 parse": async () => {
    for (const d of docs) {
      const p = new Parser(null);
      p.end(d.html);
      sink++;
    }
  },
};

const times: Record<string, number[]> = Object.fromEntries(Object.keys(candidates).map((k) => [k, []]));
const wall: Record<string, number[]> = Object.fromEntries(Object.keys(candidates).map((k) => [k, []]));
let peakRss = process.memoryUsage().rss;
for (let r = -1; r < runs; r++) {
  for (const [name, run] of Object.entries(candidates)) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await run();
    const c = process.cpuUsage(c0);
    const w = (performance.now() - t0) / 1000;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (r >= 0) {
      // run -1 warms the JIT up
      times[name]!.push((c.user + c.system) / 1e6);
      wall[name]!.push(w);
    }
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mbps = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, bytes / 1e6 / median(v)]));
const wallMbps = Object.fromEntries(Object.entries(wall).map(([k, v]) => [k, bytes / 1e6 / median(v)]));
const ours = mbps.lumasnip!;
const result = {
  corpus: { pages: docs.length, mb: +(bytes / 1e6).toFixed(1) },
  runs,
  mbPerCpuSecond: Object.fromEntries(Object.entries(mbps).map(([k, v]) => [k, +v.toFixed(2)])),
  mbPerWallSecond: Object.fromEntries(Object.entries(wallMbps).map(([k, v]) => [k, +v.toFixed(2)])),
  vsHtmlToTextLangChain: +(ours / mbps["html-to-text convert + LangChain"]!).toFixed(2),
  vsCompiledHtmlToTextLangChain: +(ours / mbps["html-to-text compiled + LangChain"]!).toFixed(2),
  shareOfParseCeiling: +(ours / mbps["htmlparser2 parse"]!).toFixed(2),
  peakRssMb: Math.round(peakRss / 2 ** 20),
  node: process.version,
  sink: sink > 0,
};
if (args.includes("--json")) console.log(JSON.stringify(result));
else {
  console.log(
    `corpus: ${result.corpus.pages} pages, ${result.corpus.mb} MB; median of ${runs} runs on one core (${process.version})`,
  );
  console.log(
    "| pipeline | MB per CPU-second (median) | wall MB/s (median) | vs lumasnip |\n|---|---|---|---|",
  );
  for (const [k, v] of Object.entries(mbps)) {
    console.log(`| ${k} | ${v.toFixed(1)} | ${wallMbps[k]!.toFixed(1)} | ${(v / ours).toFixed(2)}× |`);
  }
  console.log(
    `lumasnip / (a) = ${result.vsHtmlToTextLangChain}×, / (a') = ${result.vsCompiledHtmlToTextLangChain}×; ` +
      `share of the parse ceiling (b) = ${result.shareOfParseCeiling}; peak RSS ${result.peakRssMb} MB`,
  );
}
