import { readFileSync } from "node:fs";
import { join } from "node:path";
import { groups, seedGroups } from "../groups.ts";
import { digitsId, unitFrom } from "../ids.ts";
import { v1FromDate } from "../store/clock.ts";
import type { Seed, SimContent } from "../types.ts";
import { finish, people, platformAddress, truncate } from "./content-common.ts";
import { type CmsPost, type RawGroup, readCmsPosts, readTranslationGroups } from "./corpus.ts";
import { demoPages, demoPostsPerSource } from "./demo-selection.ts";
import { type FeaturePlan, planFeatures } from "./features.ts";
import { type ExtractedPage, extractMainContent } from "./main-content.ts";
import { buildNewsContent, buildSiteMetadata } from "./news.ts";
import { buildPageTemplate, pageShapes } from "./page-template.ts";
import { buildContentTypes, buildSites } from "./site-objects.ts";
import { contentTypeId, lumappsLang, siteId, siteOfSource } from "./sites.ts";

export interface BuildOptions {
  corpusDir: string;
  /** "demo": the small selection shipped in the repo */
  selection?: "full" | "demo";
  customer?: string;
  progress?: (done: number, total: number) => void;
}

const DAY = 86_400_000;

/** Turns ../shared/corpus into LumApps content: raw translation groups -> pages, cms posts -> news. */
export function buildSeed(options: BuildOptions): Seed {
  const customer = options.customer ?? "5649391675244544";
  const demo = options.selection === "demo";
  let rawGroups = readTranslationGroups(options.corpusDir);
  let posts = readCmsPosts(options.corpusDir);
  if (demo) {
    rawGroups = rawGroups.filter((g) => demoPages.has(g.groupId));
    posts = Object.entries(demoPostsPerSource).flatMap(([source, count]) => {
      const all = posts.filter((p) => p.source === source);
      const step = all.length / count;
      return Array.from({ length: Math.min(count, all.length) }, (_, i) => all[Math.floor(i * step)]!);
    });
  }
  const pageId = (g: RawGroup) => digitsId(`raw:${g.groupId}`);
  const newsId = (p: CmsPost) => digitsId(`cms:${p.source}/${p.id}`);
  const plan = planFeatures(rawGroups.map(pageId), posts.map(newsId));
  const shapeRank = [...rawGroups.map(pageId)].sort(
    (a, b) => unitFrom(`shape:${a}`) - unitFrom(`shape:${b}`),
  );

  const total = rawGroups.length + posts.length;
  const contents: SimContent[] = [];
  for (const group of rawGroups) {
    const id = pageId(group);
    const siblings = rawGroups.filter((g) => g.source === group.source && g !== group).map(pageId);
    const related = siblings.sort((a, b) => unitFrom(`${id}:${a}`) - unitFrom(`${id}:${b}`)).slice(0, 4);
    const shape = pageShapes[shapeRank.indexOf(id) % pageShapes.length]!;
    contents.push(buildPage(options.corpusDir, group, id, customer, shape, related, plan));
    options.progress?.(contents.length, total);
  }
  for (const post of posts) {
    contents.push(buildNewsContent(post, newsId(post), customer, plan));
    options.progress?.(contents.length, total);
  }
  return {
    customer,
    instances: buildSites(customer, contents),
    contents,
    metadata: buildSiteMetadata(posts, customer),
    customContentTypes: buildContentTypes(customer),
    groups: seedGroups,
  };
}

function buildPage(
  corpusDir: string,
  group: RawGroup,
  id: string,
  customer: string,
  shape: (typeof pageShapes)[number],
  related: string[],
  plan: FeaturePlan,
): SimContent {
  const site = siteOfSource(group.source);
  const pages = new Map<string, ExtractedPage>();
  const ordered = [...group.docs].sort(
    (a, b) => site.langs.indexOf(lumappsLang[a.lang]!) - site.langs.indexOf(lumappsLang[b.lang]!),
  );
  for (const doc of ordered) {
    const lang = lumappsLang[doc.lang];
    if (!lang) throw new Error(`no LumApps language key for ${doc.lang}`);
    const html = readFileSync(join(corpusDir, "raw", doc.path), "utf8");
    pages.set(lang, extractMainContent(group.source, html, { keepToc: group.pageKey === "index" }));
  }
  const created = Date.UTC(2022, 2, 1) + Math.floor(unitFrom(`created:${id}`) * 900) * DAY;
  const updated = created + Math.floor(unitFrom(`updated:${id}`) * (Date.UTC(2025, 10, 1) - created));
  const createdAt = v1FromDate(created);
  const cct = contentTypeId(site.key, "page");
  const title: Record<string, string> = {};
  const slug: Record<string, string> = {};
  const excerpt: Record<string, string> = {};
  const canonicalUrl: Record<string, string> = {};
  for (const [lang, page] of pages) {
    title[lang] = page.title;
    slug[lang] = lang === site.defaultLang ? group.pageKey : `${group.pageKey}-${lang}`;
    if (page.firstParagraph) excerpt[lang] = truncate(page.firstParagraph, 240);
    canonicalUrl[lang] = `${platformAddress}/a/sim-corp/${site.key}/${slug[lang]}`;
  }
  const template = buildPageTemplate({
    id,
    pages,
    shape,
    customContentType: cct,
    createdAt,
    related,
    restrictedWidget: plan.restrictedWidget.has(id) ? [groups.hr] : undefined,
  });
  const author = `docs-team-${1 + Math.floor(unitFrom(`author:${id}`) * 5)}`;
  return finish(
    {
      id,
      uid: id,
      type: "page",
      customContentType: cct,
      instance: siteId(site.key),
      customer,
      status: "LIVE",
      version: 1 + Math.floor(unitFrom(`version:${id}`) * 6),
      feedKeys: [],
      createdAt,
      updatedAt: v1FromDate(updated),
      publicationDate: createdAt,
      title,
      slug,
      excerpt,
      canonicalUrl,
      url: `/canonical/customer/${customer}/Content/${id}`,
      public: false,
      isHomepage: group.pageKey === "index",
      metadata: [],
      tags: [],
      externalKey: `corpus:raw:${group.groupId}`,
      ...people(author, "Documentation", `Team ${author.slice(-1)}`),
      template,
    },
    plan,
  );
}
