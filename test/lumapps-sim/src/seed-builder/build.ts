// Seed builder CLI: `node src/seed-builder/build.ts --corpus ../shared/corpus --out <dir> [--demo] [--scale N]`
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { scaleSeed } from "../scale.ts";
import { writeSeedDir } from "../seed-io.ts";
import { demoAttribution } from "./attribution.ts";
import { buildSeed } from "./build-seed.ts";

const usage = `usage: node src/seed-builder/build.ts --out <dir> [--corpus <dir>] [--demo] [--scale N]

  --corpus <dir>  the shared corpus (default: $LUMASNIP_CORPUS_DIR or ../shared/corpus beside the clone)
  --out <dir>     where to write the seed directory
  --demo          build the small demo selection (what seed/demo/ holds) with its licences
  --scale <N>     multiply the contents to N items (copies with new ids and dates)`;

const { values } = parseArgs({
  options: {
    corpus: { type: "string" },
    out: { type: "string" },
    demo: { type: "boolean", default: false },
    scale: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (values.help || !values.out) {
  console.log(usage);
  process.exit(values.help ? 0 : 2);
}
const repoRoot = resolve(fileURLToPath(new URL("../../../..", import.meta.url)));
const corpusDir = resolve(
  values.corpus ?? process.env.LUMASNIP_CORPUS_DIR ?? join(repoRoot, "../shared/corpus"),
);
if (!existsSync(join(corpusDir, "translations.tsv"))) {
  console.error(`no corpus at ${corpusDir} (pass --corpus or set LUMASNIP_CORPUS_DIR)`);
  process.exit(2);
}
const started = Date.now();
let seed = buildSeed({ corpusDir, selection: values.demo ? "demo" : "full" });
if (values.scale) seed = scaleSeed(seed, Number(values.scale));
const out = resolve(values.out);
writeSeedDir(out, seed, { builtFrom: "shared corpus", selection: values.demo ? "demo" : "full" });
if (values.demo) {
  writeFileSync(join(out, "SOURCES.md"), demoAttribution(seed));
  for (const [from, to] of [
    ["SOURCES.md", "corpus-raw-SOURCES.md"],
    ["cms/SOURCES.md", "corpus-cms-SOURCES.md"],
  ]) {
    writeFileSync(join(out, to!), readFileSync(join(corpusDir, from!)));
  }
}
console.log(
  JSON.stringify({
    msg: "seed built",
    out,
    contents: seed.contents.length,
    sites: seed.instances.length,
    metadata: seed.metadata.length,
    ms: Date.now() - started,
  }),
);
