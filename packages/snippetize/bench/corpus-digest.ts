/**
 * One SHA-256 over every snippet set the library makes from the shared corpus, under the default
 * settings and under tight ones (small limits, an overlap: most blocks are cut), so a change
 * meant to be output-neutral (a speed-up) can be checked against the build before it:
 *
 *   git stash && node bench/corpus-digest.ts > /tmp/before.txt && git stash pop
 *   node bench/corpus-digest.ts | diff /tmp/before.txt -
 *
 * `--pages` adds one line per page, so a difference can be traced to the page that shows it.
 */
import { createHash } from "node:crypto";
import { corpusDir } from "@lumasnip/testkit";
import { createSnippetizer, htmlContent } from "../src/index.ts";
import { readCorpus } from "../test/quality/corpus-docs.ts";

const { dir, reason } = corpusDir();
if (!dir) {
  console.error(reason);
  process.exit(1);
}
const perPage = process.argv.includes("--pages");
const docs = readCorpus(dir);
const settings = {
  default: {},
  tight: { maxTokens: 128, maxChars: 512, minTokens: 32, overlapTokens: 16 },
};
for (const [name, s] of Object.entries(settings)) {
  const snippetizer = createSnippetizer(s);
  const all = createHash("sha256");
  for (const [i, d] of docs.entries()) {
    const event = htmlContent(d.html, { contentId: `c${i}`, lang: d.lang, url: `https://docs.example/${i}` });
    const json = JSON.stringify(await snippetizer.snippetize(event, "2026-01-01T00:00:00.000Z"));
    all.update(json);
    if (perPage)
      console.log(`${name} ${d.group} ${d.lang} ${createHash("sha256").update(json).digest("hex")}`);
  }
  console.log(`${name}: ${docs.length} pages, sha256 ${all.digest("hex")}`);
}
