import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface CorpusDoc {
  /** `<source>:<page key>` for the Debian pages, `cms/<source>/<id>` for blog posts */
  group: string;
  source: string;
  /** BCP 47 (the Debian paths use `ja-JP`, `zh-cn`, ...) */
  lang: string;
  path: string;
  html: string;
  title?: string;
  url?: string;
}

const LANG_FIX: Record<string, string> = { "zh-cn": "zh-CN" };

/** Every page of the shared corpus: the Debian manuals (raw/) and the blog posts (cms/). */
export function readCorpus(dir: string): CorpusDoc[] {
  const docs: CorpusDoc[] = [];
  const rows = readFileSync(join(dir, "translations.tsv"), "utf8").trim().split("\n").slice(1);
  for (const row of rows) {
    const [group, source, lang, path] = row.split("\t") as [string, string, string, string];
    const file = join(dir, "raw", path);
    docs.push({ group, source, lang: LANG_FIX[lang] ?? lang, path: file, html: readFileSync(file, "utf8") });
  }
  const cms = join(dir, "cms");
  if (existsSync(cms)) {
    for (const source of readdirSync(cms, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const f of readdirSync(join(cms, source.name))
        .filter((n) => n.endsWith(".html"))
        .sort()) {
        const path = join(cms, source.name, f);
        const meta = JSON.parse(readFileSync(path.replace(/\.html$/, ".json"), "utf8")) as {
          language?: string;
          title?: string;
          url?: string;
        };
        docs.push({
          group: `cms/${source.name}/${f.replace(/\.html$/, "")}`,
          source: source.name,
          lang: meta.language ?? "en",
          path,
          html: readFileSync(path, "utf8"),
          ...(meta.title ? { title: meta.title } : {}),
          ...(meta.url ? { url: meta.url } : {}),
        });
      }
    }
  }
  return docs;
}
