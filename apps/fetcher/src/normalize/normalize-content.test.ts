import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ContentUpsertedSchema, LumAppsContentSchema, SCHEMA_VERSION } from "@lumasnip/schema";
import { repoRoot } from "@lumasnip/testkit";
import { describe, expect, it } from "vitest";
import { readMarkers } from "./markers.ts";
import { type NormalizeContext, normalizeContent, type RawContent } from "./normalize-content.ts";

const ctx = (over: Partial<NormalizeContext> = {}): NormalizeContext => ({
  platformAddress: "https://intranet.example.com",
  languages: undefined,
  emptyAudience: "everyone",
  type: "page",
  site: { id: "2222222222", slug: "foo-bar", name: { en: "Foo bar" }, defaultLang: "en" },
  labels: {
    metadata: (id) =>
      id === "m1"
        ? { labels: { en: "Safety", fr: "Sécurité" }, family: { id: "f1", labels: { en: "Topic" } } }
        : undefined,
    contentType: (id) => (id === "4444444444444" ? { en: "Page" } : undefined),
  },
  ...over,
});

function normalize(raw: Record<string, unknown>, over: Partial<NormalizeContext> = {}) {
  const m = readMarkers(raw as never, over.emptyAudience ?? "everyone");
  if (!m.ok) throw new Error(m.error);
  return normalizeContent(raw as RawContent, m.markers, ctx(over)).content;
}

const base = {
  id: "42",
  type: "news",
  status: "LIVE",
  version: 3,
  updatedAt: "2024-05-01T10:00:00.000001",
  createdAt: "2024-04-01T10:00:00",
  feedKeys: [],
  title: { en: "Hello", pt_br: "Olá", jp: "こんにちは" },
  excerpt: { en: "Hi" },
  url: "/canonical/customer/1/Content/42",
  author: "jane@example.com",
  authorDetails: { email: "jane@example.com", fullName: "Jane Doe" },
  template: {
    components: [
      { type: "widget", widgetType: "html", properties: { content: { en: "<p>x</p>", cn: "<p>y</p>" } } },
    ],
  },
};

describe("normalizeContent", () => {
  it("normalizes the reference content into a valid upsert event", () => {
    const file = resolve(repoRoot, "../shared/lumapps/reference/content_1.json");
    const raw = LumAppsContentSchema.parse(JSON.parse(readFileSync(file, "utf8")));
    const m = readMarkers(raw, "everyone");
    if (!m.ok) throw new Error(m.error);
    const { content } = normalizeContent(raw, m.markers, ctx());
    const event = {
      schemaVersion: SCHEMA_VERSION,
      sourceId: "acme",
      producedAt: new Date().toISOString(),
      kind: "content.upserted",
      key: "acme:6789",
      content,
    };
    expect(ContentUpsertedSchema.safeParse(event).success).toBe(true);
    expect(content.version).toBe(4);
    expect(content.url).toEqual({ en: "https://sites.lumapps.com/a/foo-bar/foo-bar-1/page-1" });
    expect(content.audience).toEqual(["33333333333333"]);
    expect(JSON.stringify(content)).not.toContain("john.doe@foo.bar");
  });

  it("maps every language key to BCP 47 and lists the body's languages too", () => {
    const c = normalize(base);
    expect(c.title).toEqual({ en: "Hello", "pt-BR": "Olá", ja: "こんにちは" });
    expect(c.languages.sort()).toEqual(["en", "ja", "pt-BR", "zh-CN"]);
  });

  it("keeps only the configured languages, and falls back to the site's default", () => {
    expect(normalize(base, { languages: ["pt", "ja"] }).languages.sort()).toEqual(["ja", "pt-BR"]);
    expect(
      normalize({ ...base, title: { en: "Hello" }, template: null }, { languages: ["de"] }).languages,
    ).toEqual(["en"]);
  });

  it("builds absolute URLs: canonicalUrl first, then link, then url against the platform address", () => {
    expect(normalize(base).url.en).toBe("https://intranet.example.com/canonical/customer/1/Content/42");
    expect(normalize({ ...base, link: { en: "https://elsewhere.example.org/x" } }).url.en).toBe(
      "https://elsewhere.example.org/x",
    );
    expect(normalize({ ...base, canonicalUrl: { en: "/a/site/page" } }).url.en).toBe(
      "https://intranet.example.com/a/site/page",
    );
    expect(normalize(base, { platformAddress: undefined }).url).toEqual({});
    expect(normalize({ ...base, canonicalUrl: { en: "javascript:alert(1)" } }).url.en).toBe(
      "https://intranet.example.com/canonical/customer/1/Content/42",
    );
  });

  it("carries the author's display name and never an email", () => {
    expect(normalize(base).author).toEqual({ displayName: "Jane Doe" });
    expect(normalize({ ...base, writerDetails: { firstName: "Ann", lastName: "Writer" } }).author).toEqual({
      displayName: "Ann Writer",
    });
    const onlyEmail = normalize({
      ...base,
      authorDetails: { email: "jane@example.com", fullName: "jane@example.com" },
    });
    expect(onlyEmail.author).toBeUndefined();
    expect(JSON.stringify(onlyEmail)).not.toContain("jane@example.com");
  });

  it("tags type, content type, site and metadata with labels per language", () => {
    const c = normalize({ ...base, customContentType: "4444444444444", metadata: ["m1", "unknown"] });
    expect(c.tags).toEqual([
      { id: "type:news", labels: {} },
      { id: "content-type:4444444444444", labels: { en: "Page" } },
      { id: "site:2222222222", labels: { en: "Foo bar" } },
      {
        id: "metadata:m1",
        labels: { en: "Safety", fr: "Sécurité" },
        family: { id: "f1", labels: { en: "Topic" } },
      },
      { id: "metadata:unknown", labels: {} },
    ]);
    expect(c.contentTypeName).toEqual({ en: "Page" });
  });

  it("applies the empty-audience policy and fails closed on unreadable feedKeys", () => {
    expect(normalize(base).audience).toEqual(["*"]);
    expect(normalize(base, { emptyAudience: "nobody" }).audience).toEqual([]);
    expect(normalize({ ...base, feedKeys: "all" }).audience).toEqual([]);
    expect(normalize({ ...base, feedKeys: ["b", "a", "a"] }).audience).toEqual(["a", "b"]);
  });

  it("refuses an audience the contract cannot carry rather than widening it", () => {
    expect(() => normalize({ ...base, feedKeys: Array.from({ length: 1001 }, (_, i) => `g${i}`) })).toThrow(
      /feedKeys/,
    );
  });

  it("emits a content without a template, leaving the excerpt to stand in", () => {
    const c = normalize({ ...base, template: undefined });
    expect(c.template).toBeNull();
    expect(c.excerpt).toEqual({ en: "Hi" });
  });
});
