import { groups, seedGroups } from "./groups.ts";
import { digitsId, uuidFrom } from "./ids.ts";
import { v1FromDate } from "./store/clock.ts";
import type { Seed, SimContent, SimContentType, SimInstance, SimMetadata, TemplateNode } from "./types.ts";

export interface FixtureOptions {
  pages?: number;
  news?: number;
  customer?: string;
}

/**
 * A small synthetic seed whose every item the tests can predict: two sites, pages and news
 * with one html widget each, every 5th item restricted to HR, every 7th an ARCHIVE.
 */
export function createFixtureSeed(options: FixtureOptions = {}): Seed {
  const customer = options.customer ?? "5649391675244544";
  const at = (i: number) => v1FromDate(Date.UTC(2024, 0, 1) + i * 3_600_000);
  const site = (key: string, langs: string[]): SimInstance => ({
    id: digitsId(`fixture-site:${key}`),
    uid: digitsId(`fixture-site:${key}`),
    name: `Fixture ${key}`,
    title: { [langs[0]!]: `Fixture ${key}` },
    slug: `fixture-${key}`,
    status: "LIVE",
    langs,
    defaultLang: langs[0]!,
    customer,
    createdAt: at(0),
    updatedAt: at(0),
  });
  const instances = [site("one", ["en", "fr"]), site("two", ["jp", "cn", "en"])];
  const customContentTypes: SimContentType[] = instances.flatMap((s) =>
    ["page", "news"].map((kind) => ({
      id: digitsId(`fixture-cct:${s.id}:${kind}`),
      uid: digitsId(`fixture-cct:${s.id}:${kind}`),
      name: { en: kind === "page" ? "Page" : "News" },
      functionalInnerId: kind,
      instance: s.id,
      customer,
    })),
  );
  const family: SimMetadata = {
    id: digitsId("fixture-meta:family"),
    uid: digitsId("fixture-meta:family"),
    name: { en: "Topic", fr: "Sujet" },
    familyKey: digitsId("fixture-meta:family"),
    parent: null,
    instance: instances[0]!.id,
    customer,
    createdAt: at(0),
    updatedAt: at(0),
  };
  const tag: SimMetadata = {
    ...family,
    id: digitsId("fixture-meta:tag"),
    uid: digitsId("fixture-meta:tag"),
    name: { en: "Security", fr: "Sécurité" },
    parent: family.id,
  };
  const contents: SimContent[] = [];
  const total = (options.pages ?? 20) + (options.news ?? 10);
  for (let i = 0; i < total; i++) {
    const type = i < (options.pages ?? 20) ? "page" : "news";
    const s = instances[i % 2]!;
    const id = digitsId(`fixture-content:${i}`);
    const lang = s.defaultLang;
    const widget = (kind: string, props: Record<string, unknown>): TemplateNode => ({
      type: "widget",
      widgetType: kind,
      uuid: uuidFrom(`${id}:${kind}`),
      feedKeys: [],
      title: {},
      properties: props,
    });
    contents.push({
      id,
      uid: id,
      type,
      customContentType: customContentTypes.find((t) => t.instance === s.id && t.functionalInnerId === type)!
        .id,
      instance: s.id,
      customer,
      status: i % 7 === 6 ? "ARCHIVE" : "LIVE",
      version: 1,
      feedKeys: i % 5 === 4 ? [groups.hr] : [],
      createdAt: at(i),
      updatedAt: at(i),
      publicationDate: at(i),
      title: { [lang]: `Fixture ${type} ${i}` },
      slug: { [lang]: `fixture-${type}-${i}` },
      excerpt: { [lang]: `Excerpt of fixture ${type} ${i}` },
      metadata: type === "news" ? [tag.id] : [],
      author: "author1@example.com",
      authorDetails: {
        email: "author1@example.com",
        firstName: "Author",
        lastName: "1",
        fullName: "Author 1",
      },
      url: `/canonical/customer/${customer}/Content/${id}`,
      template: {
        components: [
          {
            type: "row",
            uuid: uuidFrom(`${id}:row`),
            cells: [
              {
                type: "cell",
                uuid: uuidFrom(`${id}:cell`),
                width: 12,
                components: [
                  widget("title", {}),
                  widget("html", { content: { [lang]: `<h2>Section ${i}</h2><p>Body of item ${i}.</p>` } }),
                ],
              },
            ],
          },
        ],
      },
    });
  }
  return { customer, instances, contents, metadata: [family, tag], customContentTypes, groups: seedGroups };
}
