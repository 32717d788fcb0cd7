import {
  type ContentUpserted,
  type LangMap,
  type NormalizedContent,
  parseContentKey,
  pickLang,
  SCHEMA_VERSION,
  type Snippet,
  type SnippetSet,
} from "@lumasnip/schema";
import { extractBody } from "../body/extract-body.ts";
import { htmlToBlocks } from "../html/html-to-blocks.ts";
import { packSection } from "../pack/pack-section.ts";
import { buildSections, type Section } from "../pack/sections.ts";
import type { SnippetizeSettings } from "../settings.ts";
import { toWellFormed } from "../text/well-formed.ts";
import { contentHash } from "./content-hash.ts";
import { assignIds, type DraftSnippet } from "./ids.ts";
import { deepLink, resolveLinks } from "./links.ts";

export class SnippetizeError extends Error {
  override name = "SnippetizeError";
  readonly retryable = false;
  readonly context: Record<string, unknown>;
  constructor(message: string, context: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(message, options);
    this.context = context;
  }
}

/** The languages to produce: every language the content has, limited by the settings when set. */
export function languagesOf(content: NormalizedContent, settings: SnippetizeSettings): string[] {
  const all = content.languages.length > 0 ? content.languages : Object.keys(content.title);
  if (settings.languages.length === 0) return [...new Set(all)];
  const wanted = settings.languages;
  return [...new Set(all)].filter((l) => wanted.some((w) => w === l || w === l.split("-")[0]));
}

function pick(map: LangMap, lang: string, siteDefault: string | undefined): string | undefined {
  const l = pickLang(map, [lang], siteDefault);
  return l === undefined ? undefined : map[l];
}

/** The sections of one language: the template's body, or the excerpt when the body has no text. */
export function sectionsFor(
  content: NormalizedContent,
  lang: string,
  settings: SnippetizeSettings,
): Section[] {
  const choice = { lang, siteDefault: content.site.defaultLang };
  const events = extractBody(content.template, {
    ...choice,
    audience: content.audience,
    skipWidgetTypes: new Set(settings.skipWidgetTypes),
    widgetTitlesAsHeadings: settings.widgetTitlesAsHeadings,
    keepLinks: settings.keepLinks,
  });
  const sections = buildSections(events, content.audience);
  if (sections.length > 0 || !settings.excerptFallback) return sections;
  const excerpt = pick(content.excerpt, lang, content.site.defaultLang);
  if (!excerpt) return [];
  const blocks = htmlToBlocks(excerpt, { keepLinks: settings.keepLinks });
  return buildSections([{ type: "blocks", blocks }], content.audience);
}

/**
 * A content event to its snippet set: every language, every snippet with every field, and the
 * content hash. Pure: `producedAt` is given.
 */
export async function buildSnippetSet(
  event: Pick<ContentUpserted, "key" | "content">,
  settings: SnippetizeSettings,
  producedAt: string,
): Promise<SnippetSet> {
  const { key, content } = event;
  const ids = parseContentKey(key);
  if (!ids) throw new SnippetizeError("the event key is not a content key <sourceId>:<contentId>", { key });
  const siteDefault = content.site.defaultLang;
  const limits = { maxChars: settings.maxChars, maxTokens: settings.maxTokens };
  const tags = content.tags.map((t) => t.id);
  const author = content.author?.displayName;
  const languages: SnippetSet["languages"] = [];
  for (const lang of languagesOf(content, settings)) {
    const base = pick(content.url, lang, siteDefault) ?? "";
    const title = toWellFormed(pick(content.title, lang, siteDefault) ?? "");
    const drafts: DraftSnippet[] = [];
    const resolved = new Map<string, string | null>();
    for (const section of sectionsFor(content, lang, settings)) {
      const chunks = packSection(section.blocks, {
        lang,
        limits,
        minTokens: settings.minTokens,
        overlapTokens: settings.overlapTokens,
      });
      for (const chunk of chunks) drafts.push({ section, chunk });
    }
    if (drafts.length === 0) continue;
    const idList = assignIds(ids.sourceId, ids.contentId, lang, drafts);
    const snippets: Snippet[] = drafts.map((d, i) => {
      const s: Snippet = {
        id: idList[i]!,
        key,
        lang,
        ordinal: i,
        prevId: i > 0 ? idList[i - 1]! : null,
        nextId: i + 1 < idList.length ? idList[i + 1]! : null,
        text: d.chunk.text,
        title,
        headingPath: d.section.headingPath,
        url: deepLink(base, d.section.anchor),
        kind: d.chunk.kind,
        tokens: d.chunk.tokens,
        tags,
        audience: d.section.audience,
        updatedAt: content.updatedAt,
      };
      if (author) s.author = author;
      if (content.publicationDate) s.publishedAt = content.publicationDate;
      if (settings.keepLinks && d.chunk.links.length > 0) {
        const links = resolveLinks(d.chunk.links, base, settings.maxLinksPerSnippet, resolved);
        if (links.length > 0) s.links = links;
      }
      return s;
    });
    languages.push({ lang, snippets });
  }
  const body: Omit<SnippetSet, "contentHash" | "producedAt"> = {
    schemaVersion: SCHEMA_VERSION,
    sourceId: ids.sourceId,
    kind: "snippets.upserted",
    key,
    contentId: ids.contentId,
    sourceVersion: content.version,
    sourceUpdatedAt: content.updatedAt,
    type: content.type,
    ...(content.customContentTypeId ? { customContentTypeId: content.customContentTypeId } : {}),
    site: content.site,
    title: content.title,
    url: content.url,
    tags: content.tags,
    audience: content.audience,
    ...(author ? { author } : {}),
    ...(content.publicationDate ? { publishedAt: content.publicationDate } : {}),
    ...(content.endDate ? { endDate: content.endDate } : {}),
    languages,
  };
  const hash = contentHash(body, settings);
  return { ...body, producedAt, contentHash: hash };
}
