import type { Snippet } from "@lumasnip/schema";
import { beforeAll, describe, expect, it } from "vitest";
import { call, callJson, createKey, kvOps, publish } from "./support/client.ts";
import { type BuiltContent, buildContent } from "./support/fixtures.ts";

let reader: string;
let page: BuiltContent;
let big: BuiltContent;

beforeAll(async () => {
  reader = await createKey({ audiences: ["*"] });
  page = await buildContent({
    contentId: "1001",
    texts: {
      en: ["Hello world.", "Second paragraph.", "Third one."],
      fr: ["Bonjour le monde.", "Deuxième."],
      "pt-BR": ["Olá mundo."],
    },
    tags: ["metadata:42", "type:news"],
    siteId: "hr",
    defaultLang: "fr",
  });
  await publish(page);
  big = await buildContent({
    contentId: "1002",
    texts: { en: Array.from({ length: 250 }, (_, i) => `Paragraph number ${i}.`) },
  });
  await publish(big);
  for (let i = 0; i < 5; i++) {
    await publish(
      await buildContent({
        contentId: `20${i}`,
        texts: { en: [`Listed ${i}.`] },
        tags: ["metadata:list"],
        siteId: "lists",
      }),
    );
  }
  // the first request of a key costs one more read (its record, then cached in the isolate) and
  // one last-used write: the counts below are the routes' own
  await call(`/v1/contents/${page.key}`, { key: reader });
});

describe("the read API for a key that may read everything", () => {
  it("serves one snippet with its place in the reading order: two KV reads, one while the manifest is cached", async () => {
    const fresh = await buildContent({ contentId: "1004", texts: { en: ["A.", "B."] } });
    await publish(fresh);
    const cold = await call(`/v1/snippets/${fresh.ids.en?.[0]}`, { key: reader });
    expect(kvOps(cold)).toBe(2);
    const id = page.ids.en?.[1] as string;
    const res = await call(`/v1/snippets/${id}`, { key: reader });
    expect(res.status).toBe(200);
    const s = (await res.json()) as Snippet;
    expect(s).toMatchObject({ id, key: page.key, lang: "en", text: "Second paragraph.", ordinal: 1 });
    expect(s.prevId).toBe(page.ids.en?.[0]);
    expect(s.nextId).toBe(page.ids.en?.[2]);
    expect(res.headers.get("content-language")).toBe("en");
    expect(kvOps(res)).toBe(1);
  });

  it("serves a manifest in one KV read (none while cached), without the publisher's bookkeeping", async () => {
    const fresh = await buildContent({ contentId: "1005", texts: { en: ["A."] } });
    await publish(fresh);
    expect(kvOps(await call(`/v1/contents/${fresh.key}`, { key: reader }))).toBe(1);
    expect(kvOps(await call(`/v1/contents/${fresh.key}`, { key: reader }))).toBe(0);
    const res = await call(`/v1/contents/${page.key}`, { key: reader });
    expect(res.status).toBe(200);
    const m = (await res.json()) as Record<string, unknown>;
    expect(m).toMatchObject({ key: page.key, version: 1, title: page.manifest.title, url: page.url });
    expect(m.languages).toEqual([
      { lang: "en", snippetIds: page.ids.en },
      { lang: "fr", snippetIds: page.ids.fr },
      { lang: "pt-BR", snippetIds: page.ids["pt-BR"] },
    ]);
    expect(m).not.toHaveProperty("fingerprints");
    expect(m).not.toHaveProperty("snippetAudiences");
  });

  it("serves a content's snippets in reading order: the manifest plus one bulk read per 100 snippets", async () => {
    const res = await call(`/v1/contents/${page.key}/snippets?lang=en`, { key: reader });
    const body = (await res.json()) as { lang: string; languages: string[]; snippets: Snippet[] };
    expect(body.lang).toBe("en");
    expect(body.languages).toEqual(["en", "fr", "pt-BR"]);
    expect(body.snippets.map((s) => s.text)).toEqual(["Hello world.", "Second paragraph.", "Third one."]);
    expect(kvOps(res)).toBe(1); // the manifest is cached by now
    const many = await call(`/v1/contents/${big.key}/snippets`, { key: reader });
    const all = (await many.json()) as { snippets: Snippet[] };
    expect(all.snippets.map((s) => s.ordinal)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    expect(kvOps(many)).toBe(1 + 3);
    expect(kvOps(await call(`/v1/contents/${big.key}/snippets`, { key: reader }))).toBe(3);
  });

  it("picks the language: lang, its base language, Accept-Language by q, the site's default, then the first", async () => {
    const lang = async (query: string, headers: Record<string, string> = {}) =>
      (
        await callJson<{ lang: string }>(`/v1/contents/${page.key}/snippets${query}`, {
          key: reader,
          headers,
        })
      ).lang;
    expect(await lang("?lang=fr")).toBe("fr");
    expect(await lang("?lang=pt")).toBe("pt-BR");
    expect(await lang("", { "accept-language": "de-DE, pt-br;q=0.9, en;q=0.8" })).toBe("pt-BR");
    expect(await lang("", { "accept-language": "en;q=0.2, fr;q=0.9" })).toBe("fr");
    expect(await lang("", { "accept-language": "de, it" })).toBe("fr");
    expect(await lang("")).toBe("fr");
    const noDefault = await buildContent({ contentId: "1003", texts: { de: ["Hallo."], en: ["Hi."] } });
    await publish(noDefault);
    expect(
      (
        await callJson<{ lang: string }>(`/v1/contents/${noDefault.key}/snippets`, {
          key: reader,
          headers: { "accept-language": "ja" },
        })
      ).lang,
    ).toBe("de");
  });

  it("answers 404 for a language the content does not have when lang asks for it explicitly", async () => {
    const res = await call(`/v1/contents/${page.key}/snippets?lang=ja`, { key: reader });
    expect(res.status).toBe(404);
  });

  it("answers 304 to If-None-Match with the ETag on every read route, keeping the cache headers", async () => {
    const paths = [
      `/v1/snippets/${page.ids.en?.[0]}`,
      `/v1/contents/${page.key}`,
      `/v1/contents/${page.key}/snippets?lang=en`,
      "/v1/tags/metadata:42/contents",
      "/v1/sites/acme/hr/contents",
      `/v1/lookup?url=${encodeURIComponent(page.url.fr as string)}`,
    ];
    for (const path of paths) {
      const first = await call(path, { key: reader });
      expect(first.status, path).toBe(200);
      const etag = first.headers.get("etag");
      expect(etag, path).toMatch(/^"[0-9a-z]+(-[0-9a-z]+){4}"$/);
      expect(first.headers.get("cache-control")).toBe("private, no-cache");
      expect(first.headers.get("vary")).toContain("Authorization");
      const again = await call(path, { key: reader, headers: { "if-none-match": `W/"nope", ${etag}` } });
      expect(again.status, path).toBe(304);
      expect(await again.text()).toBe("");
      expect(again.headers.get("etag")).toBe(etag);
      expect(again.headers.get("cache-control")).toBe("private, no-cache");
      expect(again.headers.get("vary")).toContain("Authorization");
      const changed = await call(path, { key: reader, headers: { "if-none-match": '"other"' } });
      expect(changed.status, path).toBe(200);
    }
    const snippets = await call(`/v1/contents/${page.key}/snippets`, { key: reader });
    expect(snippets.headers.get("vary")).toBe("Authorization, x-lumasnip-audiences, Accept-Language");
    for (const res of [
      await call("/v1/contents/acme:404404", { key: reader }),
      await call("/v1/contents/acme:1"),
    ]) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers.get("cache-control")).toBe("private, no-cache");
      expect(res.headers.get("vary")).toContain("Authorization");
    }
  });

  it("lists a tag and a site page by page with sealed cursors, one list and one bulk read per page", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : "";
      const res = await call(`/v1/tags/metadata:list/contents?limit=2${q}`, { key: reader });
      const body = (await res.json()) as {
        items: { key: string; title: Record<string, string> }[];
        cursor: string | null;
      };
      expect(body.items.length).toBeLessThanOrEqual(2);
      if (body.cursor) expect(body.cursor).not.toMatch(/acme|metadata/);
      seen.push(...body.items.map((i) => i.key));
      cursor = body.cursor;
      pages++;
      expect(kvOps(res)).toBeLessThanOrEqual(3);
    } while (cursor);
    expect(seen).toEqual(["acme:200", "acme:201", "acme:202", "acme:203", "acme:204"]);
    expect(pages).toBe(3);
    const site = await callJson<{ items: { key: string }[]; cursor: null }>("/v1/sites/acme/lists/contents", {
      key: reader,
    });
    expect(site.items.map((i) => i.key)).toEqual([
      "acme:200",
      "acme:201",
      "acme:202",
      "acme:203",
      "acme:204",
    ]);
    expect(site.cursor).toBeNull();
  });

  it("finds a content by any of its URLs, normalized, in one list and one bulk read", async () => {
    for (const url of [
      page.url.en,
      page.url.fr,
      `${page.url.en}/`,
      `${page.url.en}#section`,
      (page.url.en as string).replace("intranet.example.com", "INTRANET.example.com"),
    ]) {
      const res = await call(`/v1/lookup?url=${encodeURIComponent(url as string)}`, { key: reader });
      expect(res.status, url).toBe(200);
      expect(((await res.json()) as { key: string }).key).toBe(page.key);
      expect(kvOps(res)).toBe(2);
    }
  });

  it("answers health and the OpenAPI document without a key", async () => {
    expect(await callJson("/healthz")).toEqual({ status: "ok" });
    const doc = await callJson<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
      "/openapi.json",
    );
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/v1/snippets/{snippetId}",
        "/v1/contents/{contentKey}",
        "/v1/contents/{contentKey}/snippets",
        "/v1/tags/{tag}/contents",
        "/v1/sites/{sourceId}/{siteId}/contents",
        "/v1/lookup",
        "/admin/v1/manifests/{contentKey}/commit",
      ]),
    );
    const operation = doc.paths["/v1/snippets/{snippetId}"]?.get as
      | { parameters: { name: string; schema: { pattern?: string } }[] }
      | undefined;
    const params = operation?.parameters ?? [];
    expect(params[0]).toMatchObject({ name: "snippetId", schema: { pattern: "^[a-z2-7]{26}$" } });
  });
});
