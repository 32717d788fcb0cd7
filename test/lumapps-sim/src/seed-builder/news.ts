import { digitsId, unitFrom } from "../ids.ts";
import { v1FromDate } from "../store/clock.ts";
import type { SimContent, SimMetadata } from "../types.ts";
import { finish, people, platformAddress, truncate } from "./content-common.ts";
import type { CmsPost } from "./corpus.ts";
import { parseHtml } from "./dom.ts";
import type { FeaturePlan } from "./features.ts";
import { firstParagraphText, splitIntro } from "./main-content.ts";
import { buildNewsTemplate, newsShapes } from "./news-template.ts";
import { contentTypeId, siteId, siteOfSource } from "./sites.ts";

const arabicScript = /[\u0600-\u06ff]/;
const labelLang = (label: string) => (arabicScript.test(label) ? "fa" : "en");
const familyId = (siteKey: string, family: string) => digitsId(`meta:${siteKey}:family:${family}`);
const valueId = (siteKey: string, family: string, label: string) =>
  digitsId(`meta:${siteKey}:${family}:${label}`);

/** One cms post -> one LumApps news item, with its categories and tags as metadata ids. */
export function buildNewsContent(post: CmsPost, id: string, customer: string, plan: FeaturePlan): SimContent {
  const site = siteOfSource(post.source);
  const lang = post.language;
  const created = postDate(post);
  const createdAt = v1FromDate(created);
  const updatedAt = v1FromDate(created + Math.floor(unitFrom(`updated:${id}`) * 72) * 3_600_000);
  const cct = contentTypeId(site.key, "news");
  const shape = newsShapes[Math.floor(unitFrom(`news-shape:${id}`) * newsShapes.length)]!;
  const first = firstParagraphText(parseHtml(post.html).children as never);
  const split = shape === "intro" ? splitIntro(post.html) : { intro: first, rest: post.html };
  const slug =
    post.slug ??
    post.url
      .replace(/\/$/, "")
      .split("/")
      .pop()!
      .replace(/\.html$/, "");
  const authorNo = post.author.replace(/\D+/g, "") || "0";
  return finish(
    {
      id,
      uid: id,
      type: "news",
      customContentType: cct,
      instance: siteId(site.key),
      customer,
      status: "LIVE",
      version: 1 + Math.floor(unitFrom(`version:${id}`) * 4),
      feedKeys: [],
      createdAt,
      updatedAt,
      publicationDate: createdAt,
      title: { [lang]: post.title },
      slug: { [lang]: slug },
      excerpt: first ? { [lang]: truncate(first, 240) } : {},
      canonicalUrl: { [lang]: `${platformAddress}/a/sim-corp/${site.key}/${slug}` },
      url: `/canonical/customer/${customer}/Content/${id}`,
      public: site.key === "distro",
      metadata: [
        ...post.categories.map((c) => valueId(site.key, "category", c)),
        ...post.tags.map((t) => valueId(site.key, "tag", t)),
      ],
      tags: [],
      externalKey: `corpus:cms:${post.source}/${post.id}`,
      ...people(`author${authorNo}.${site.key}`, "Author", authorNo),
      ...(unitFrom(`writer:${id}`) < 0.2
        ? {
            writerDetails: {
              email: `editor@sim.example.com`,
              firstName: "Newsroom",
              lastName: "Editor",
              fullName: "Newsroom Editor",
            },
          }
        : {}),
      template: buildNewsTemplate({
        id,
        lang,
        html: split.rest,
        excerpt: split.intro,
        shape,
        customContentType: cct,
        createdAt,
      }),
    },
    plan,
  );
}

/** Two metadata families per news site (Category, Tags) and one value per label used. */
export function buildSiteMetadata(posts: CmsPost[], customer: string): SimMetadata[] {
  const out = new Map<string, SimMetadata>();
  const at = "2023-05-01T09:00:00.000000";
  const base = (id: string, instance: string) => ({
    id,
    uid: id,
    instance,
    customer,
    createdAt: at,
    updatedAt: at,
  });
  for (const post of posts) {
    const site = siteOfSource(post.source);
    const instance = siteId(site.key);
    const families = [
      { key: "category", labels: post.categories, name: { en: "Category", fa: "دسته‌بندی" } },
      { key: "tag", labels: post.tags, name: { en: "Tags", fa: "برچسب‌ها" } },
    ];
    for (const family of families) {
      const fid = familyId(site.key, family.key);
      if (!out.has(fid)) {
        out.set(fid, {
          ...base(fid, instance),
          name: site.langs.includes("fa") ? family.name : { en: family.name.en },
          familyKey: fid,
          parent: null,
          multiple: true,
          displayInFilter: true,
          isVisibleFront: true,
          heritable: false,
          customContentTypes: [contentTypeId(site.key, "news")],
          sortOrder: family.key === "category" ? "1" : "2",
        });
      }
      for (const label of family.labels) {
        const id = valueId(site.key, family.key, label);
        if (out.has(id)) continue;
        out.set(id, {
          ...base(id, instance),
          name: { [labelLang(label)]: label },
          familyKey: fid,
          parent: fid,
          isVisibleFront: true,
          customContentTypes: [contentTypeId(site.key, "news")],
        });
      }
    }
  }
  return [...out.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Sidecar dates are as messy as the front matter they came from: `2014-11-13 05:0:00`, `None 09:00:00`. */
export function postDate(post: CmsPost): number {
  const day = /(\d{4})-(\d\d)-(\d\d)/.exec(post.date) ?? /^(\d{4})-(\d\d)-(\d\d)/.exec(post.id);
  const time = /(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?\s*$/.exec(post.date);
  if (!day) return Date.UTC(2015, 0, 1, 9);
  const [h, m, s] = time ? [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)] : [9, 0, 0];
  return Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), h, m, s);
}
