import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface RawDoc {
  groupId: string;
  source: string;
  /** the corpus' language tag (en-US, ja, zh-cn, ...) */
  lang: string;
  path: string;
}

export interface RawGroup {
  groupId: string;
  source: string;
  pageKey: string;
  docs: RawDoc[];
}

/** The translation groups of corpus/raw: one group = one page in every language it exists in. */
export function readTranslationGroups(corpusDir: string): RawGroup[] {
  const file = join(corpusDir, "translations.tsv");
  if (!existsSync(file)) throw new Error(`no translations.tsv in ${corpusDir}: is it the shared corpus?`);
  const groups = new Map<string, RawGroup>();
  const lines = readFileSync(file, "utf8").split("\n").slice(1);
  for (const line of lines) {
    if (!line.trim()) continue;
    const [groupId, source, lang, path] = line.split("\t") as [string, string, string, string];
    let group = groups.get(groupId);
    if (!group) {
      group = { groupId, source, pageKey: groupId.slice(groupId.indexOf(":") + 1), docs: [] };
      groups.set(groupId, group);
    }
    group.docs.push({ groupId, source, lang, path });
  }
  return [...groups.values()];
}

export interface CmsPost {
  id: string;
  source: string;
  title: string;
  date: string;
  author: string;
  author_email: string;
  categories: string[];
  tags: string[];
  language: string;
  url: string;
  slug?: string;
  /** the post body, as the CMS stores it */
  html: string;
}

/** Every post of corpus/cms: `<source>/<id>.json` sidecar beside `<source>/<id>.html`. */
export function readCmsPosts(corpusDir: string): CmsPost[] {
  const root = join(corpusDir, "cms");
  const posts: CmsPost[] = [];
  for (const source of readdirSync(root).sort()) {
    const dir = join(root, source);
    if (!existsSync(dir) || source.endsWith(".md")) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith(".json")) continue;
      const meta = JSON.parse(readFileSync(join(dir, name), "utf8")) as Omit<CmsPost, "html">;
      const html = readFileSync(join(dir, name.replace(/\.json$/, ".html")), "utf8");
      posts.push({ ...meta, categories: meta.categories ?? [], tags: meta.tags ?? [], source, html });
    }
  }
  return posts;
}
