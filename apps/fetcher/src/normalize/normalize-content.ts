import {
  contentAudience,
  type EmptyFeedKeysPolicy,
  type Lang,
  type LangMap,
  langMapToBcp47,
  type NormalizedContent,
} from "@lumasnip/schema";
import { authorDisplayName } from "./author.ts";
import { chooseLanguages, pickLanguages, templateLanguages } from "./languages.ts";
import { contentUrls } from "./links.ts";
import type { Markers } from "./markers.ts";
import { buildTags, type LabelLookup } from "./tags.ts";
import { toTimestamp } from "./timestamps.ts";

/** A site as normalization needs it. */
export interface SiteInfo {
  id: string;
  slug?: string | undefined;
  name: LangMap;
  defaultLang?: Lang | undefined;
}

export interface NormalizeContext {
  platformAddress: string | undefined;
  /** languages to carry (BCP 47); undefined: all */
  languages: readonly Lang[] | undefined;
  emptyAudience: EmptyFeedKeysPolicy;
  /** the scope's type, when the item does not say */
  type: string;
  site: SiteInfo;
  labels: LabelLookup;
}

/** The LumApps fields read here (a subset of `LumAppsContent`). */
export interface RawContent {
  type?: string | null | undefined;
  status?: string | null | undefined;
  customContentType?: string | null | undefined;
  feedKeys?: unknown;
  title?: unknown;
  excerpt?: unknown;
  slug?: unknown;
  canonicalUrl?: unknown;
  link?: unknown;
  url?: unknown;
  createdAt?: unknown;
  writerDetails?: { fullName?: string | null; firstName?: string | null; lastName?: string | null } | null;
  authorDetails?: { fullName?: string | null; firstName?: string | null; lastName?: string | null } | null;
  template?: unknown;
}

/**
 * A LumApps content as the rest of the system sees it (`NormalizedContent`): BCP 47 language
 * keys, absolute URLs, the author's display name only, resolved tags and the effective audience.
 * Pure: labels and the site come in through `ctx`; markers were read (and validated) before.
 */
export function normalizeContent(
  raw: RawContent,
  markers: Markers,
  ctx: NormalizeContext,
): { content: NormalizedContent; warnings: string[] } {
  const title = langMapToBcp47(raw.title);
  const excerpt = langMapToBcp47(raw.excerpt);
  const slug = langMapToBcp47(raw.slug);
  const available = new Set<Lang>([
    ...Object.keys(title),
    ...Object.keys(excerpt),
    ...templateLanguages(raw.template),
  ]);
  const languages = chooseLanguages([...available], ctx.languages, ctx.site.defaultLang);
  const type = raw.type || ctx.type;
  const { tags, skipped } = buildTags(
    {
      type,
      contentTypeId: markers.contentTypeId,
      siteId: ctx.site.id,
      siteName: ctx.site.name,
      metadataIds: markers.metadataIds,
    },
    ctx.labels,
  );
  const author = authorDisplayName(raw);
  const createdAt = toTimestamp(raw.createdAt);
  const contentTypeName = markers.contentTypeId ? ctx.labels.contentType(markers.contentTypeId) : undefined;
  const audience = contentAudience(raw.feedKeys, ctx.emptyAudience);
  // the one field the contract bounds that LumApps data could exceed: refuse rather than widen
  if (audience.length > 1000 || audience.some((g) => g.length > 128)) {
    throw new Error("feedKeys: more than 1000 groups, or a group id over 128 characters");
  }
  const content: NormalizedContent = {
    id: markers.id,
    type,
    ...(markers.contentTypeId ? { customContentTypeId: markers.contentTypeId } : {}),
    ...(contentTypeName ? { contentTypeName } : {}),
    site: {
      id: ctx.site.id,
      ...(ctx.site.slug ? { slug: ctx.site.slug } : {}),
      name: ctx.site.name,
      ...(ctx.site.defaultLang ? { defaultLang: ctx.site.defaultLang } : {}),
    },
    status: markers.status,
    languages,
    title: pickLanguages(title, languages),
    excerpt: pickLanguages(excerpt, languages),
    slug: pickLanguages(slug, languages),
    url: contentUrls(raw, languages, ctx.platformAddress),
    ...(author ? { author: { displayName: author } } : {}),
    ...(createdAt ? { createdAt } : {}),
    updatedAt: markers.updatedAt,
    ...(markers.publicationDate ? { publicationDate: markers.publicationDate } : {}),
    ...(markers.endDate ? { endDate: markers.endDate } : {}),
    version: markers.version,
    audience,
    tags,
    template: raw.template ?? null,
  };
  const warnings = skipped.map((id) => `tag ${JSON.stringify(id.slice(0, 80))} skipped: not a valid tag id`);
  return { content, warnings };
}
