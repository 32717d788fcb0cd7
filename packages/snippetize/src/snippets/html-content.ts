import { type ContentUpserted, contentKey, EVERYONE, type NormalizedContent } from "@lumasnip/schema";

export interface HtmlContentOptions {
  sourceId?: string;
  contentId: string;
  /** BCP 47 language of the HTML */
  lang: string;
  title?: string;
  url?: string;
  updatedAt?: string;
}

/**
 * Wraps bare HTML as a content event with one `html` widget, so HTML files go through exactly
 * the path LumApps content takes (the `snippetize` CLI, tests, benchmarks).
 */
export function htmlContent(html: string, o: HtmlContentOptions): Pick<ContentUpserted, "key" | "content"> {
  const lang = o.lang;
  const content: NormalizedContent = {
    id: o.contentId,
    type: "page",
    site: { id: "local", defaultLang: lang },
    status: "LIVE",
    languages: [lang],
    title: o.title ? { [lang]: o.title } : {},
    excerpt: {},
    slug: {},
    url: o.url ? { [lang]: o.url } : {},
    updatedAt: o.updatedAt ?? "1970-01-01T00:00:00.000Z",
    version: 0,
    audience: [EVERYONE],
    tags: [],
    template: {
      components: [{ type: "widget", widgetType: "html", properties: { content: { [lang]: html } } }],
    },
  };
  return { key: contentKey(o.sourceId ?? "local", o.contentId), content };
}
