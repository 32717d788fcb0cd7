import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));

/**
 * Where the full shared corpus lives (../shared/corpus beside the clone, or LUMASNIP_CORPUS_DIR).
 * In CI its absence is an error; elsewhere tests that need it are skipped with the reason.
 */
export function corpusDir(): { dir: string | undefined; reason: string } {
  const dir = process.env.LUMASNIP_CORPUS_DIR ?? resolve(repoRoot, "../shared/corpus");
  if (existsSync(resolve(dir, "translations.tsv"))) return { dir, reason: "" };
  const reason = `the full corpus is not at ${dir} (set LUMASNIP_CORPUS_DIR or put ../shared beside the clone)`;
  if (process.env.CI) throw new Error(`CI needs the shared corpus: ${reason}`);
  return { dir: undefined, reason };
}

export { repoRoot };
