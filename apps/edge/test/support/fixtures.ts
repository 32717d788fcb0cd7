import { hash128, type ManifestCommit, SCHEMA_VERSION, type Snippet } from "@lumasnip/schema";

export interface ContentSpec {
  sourceId?: string;
  contentId: string;
  /** the content's audience */
  audience?: string[];
  /** paragraphs per language, in reading order */
  texts: Record<string, string[]>;
  /** narrower audiences of some paragraphs: `${lang}:${index}` -> audience */
  narrower?: Record<string, string[]>;
  tags?: string[];
  siteId?: string;
  defaultLang?: string;
  publishedAt?: string;
  endDate?: string;
  title?: string;
}

export interface BuiltContent {
  key: string;
  snippets: Snippet[];
  manifest: ManifestCommit["manifest"];
  /** snippet ids per language in order */
  ids: Record<string, string[]>;
  url: Record<string, string>;
}

/** A content as the publisher would send it: snippets plus the manifest to commit. */
export async function buildContent(spec: ContentSpec): Promise<BuiltContent> {
  const sourceId = spec.sourceId ?? "acme";
  const key = `${sourceId}:${spec.contentId}`;
  const audience = spec.audience ?? ["*"];
  const updatedAt = "2026-11-20T10:00:00.000Z";
  const snippets: Snippet[] = [];
  const ids: Record<string, string[]> = {};
  const url: Record<string, string> = {};
  const title: Record<string, string> = {};
  const snippetAudiences: Record<string, string[]> = {};
  for (const [lang, texts] of Object.entries(spec.texts)) {
    url[lang] = `https://intranet.example.com/${lang}/content/${spec.contentId}`;
    title[lang] = `${spec.title ?? "Content"} ${spec.contentId} (${lang})`;
    // like real ids: the same text in the same place keeps its id when paragraphs around it change
    const langIds = await Promise.all(texts.map((t) => hash128(`${key}|${lang}|${t}`)));
    ids[lang] = langIds;
    texts.forEach((text, i) => {
      const own = spec.narrower?.[`${lang}:${i}`];
      if (own) snippetAudiences[langIds[i] as string] = own;
      snippets.push({
        id: langIds[i] as string,
        key,
        lang,
        ordinal: i,
        prevId: langIds[i - 1] ?? null,
        nextId: langIds[i + 1] ?? null,
        text,
        title: title[lang] as string,
        headingPath: ["Section"],
        url: url[lang] as string,
        kind: "text",
        tokens: text.split(" ").length,
        tags: spec.tags ?? [],
        audience: own ?? audience,
        updatedAt,
      });
    });
  }
  const manifest: ManifestCommit["manifest"] = {
    schemaVersion: SCHEMA_VERSION,
    key,
    sourceId,
    contentId: spec.contentId,
    sourceVersion: 1,
    contentHash: await hash128(JSON.stringify(spec)),
    type: "news",
    site: { id: spec.siteId ?? "site1", ...(spec.defaultLang ? { defaultLang: spec.defaultLang } : {}) },
    title,
    url,
    tags: (spec.tags ?? []).map((id) => ({ id, labels: { en: id } })),
    audience,
    updatedAt,
    ...(spec.publishedAt ? { publishedAt: spec.publishedAt } : {}),
    ...(spec.endDate ? { endDate: spec.endDate } : {}),
    languages: Object.entries(ids).map(([lang, snippetIds]) => ({ lang, snippetIds })),
    ...(Object.keys(snippetAudiences).length > 0 ? { snippetAudiences } : {}),
  };
  return { key, snippets, manifest, ids, url };
}
