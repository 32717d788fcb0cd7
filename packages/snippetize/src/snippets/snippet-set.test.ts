import { readFileSync } from "node:fs";
import { type NormalizedContent, SnippetSetSchema, snippetId } from "@lumasnip/schema";
import { describe, expect, it } from "vitest";
import { createSnippetizer } from "../snippetizer.ts";
import { snippetIdSync } from "./hash.ts";

const sn = createSnippetizer();
const AT = "2026-02-01T10:00:00.000Z";

function content(template: unknown, over: Partial<NormalizedContent> = {}): NormalizedContent {
  return {
    id: "42",
    type: "news",
    customContentTypeId: "ct-1",
    site: { id: "site-1", defaultLang: "en" },
    status: "LIVE",
    languages: ["en"],
    title: { en: "Holiday policy" },
    excerpt: { en: "How to ask for leave." },
    slug: { en: "holiday-policy" },
    url: { en: "https://intranet.example/hr/holiday-policy" },
    author: { displayName: "Ada Lovelace" },
    updatedAt: "2026-01-15T09:00:00.000Z",
    publicationDate: "2026-01-10T09:00:00.000Z",
    version: 7,
    audience: ["g-all"],
    tags: [
      { id: "metadata:123", labels: { en: "HR" } },
      { id: "type:news", labels: {} },
    ],
    template,
    ...over,
  };
}
const html = (h: string | Record<string, string>, extra: Record<string, unknown> = {}) => ({
  type: "widget",
  widgetType: "html",
  properties: { content: typeof h === "string" ? { en: h } : h },
  ...extra,
});
const page = (...widgets: unknown[]) => ({
  components: [{ type: "row", cells: [{ type: "cell", components: widgets }] }],
});
const run = (c: NormalizedContent, s = sn) => s.snippetize({ key: "acme:42", content: c }, AT);

describe("buildSnippetSet", () => {
  it("produces a set that satisfies the contract, every field filled", async () => {
    const set = await run(
      content(
        page(
          html(`<h2 id="ask">How to ask</h2><p>Open the form. <a href="/forms/leave">Leave form</a>.</p>`),
        ),
      ),
    );
    expect(() => SnippetSetSchema.parse(set)).not.toThrow();
    expect(set).toMatchObject({
      kind: "snippets.upserted",
      key: "acme:42",
      contentId: "42",
      sourceId: "acme",
      sourceVersion: 7,
      sourceUpdatedAt: "2026-01-15T09:00:00.000Z",
      producedAt: AT,
      type: "news",
      customContentTypeId: "ct-1",
      author: "Ada Lovelace",
      publishedAt: "2026-01-10T09:00:00.000Z",
    });
    const [s] = set.languages[0]!.snippets;
    expect(s).toEqual({
      id: expect.stringMatching(/^[a-z2-7]{26}$/),
      key: "acme:42",
      lang: "en",
      ordinal: 0,
      prevId: null,
      nextId: null,
      text: "Open the form. Leave form.",
      title: "Holiday policy",
      headingPath: ["How to ask"],
      url: "https://intranet.example/hr/holiday-policy#ask",
      kind: "text",
      tokens: 7,
      tags: ["metadata:123", "type:news"],
      audience: ["g-all"],
      author: "Ada Lovelace",
      publishedAt: "2026-01-10T09:00:00.000Z",
      updatedAt: "2026-01-15T09:00:00.000Z",
      links: ["https://intranet.example/forms/leave"],
    });
  });

  it("reads the real LumApps reference content (content_1.json)", async () => {
    const ref = JSON.parse(
      readFileSync(
        new URL("../../../../../shared/lumapps/reference/content_1.json", import.meta.url),
        "utf8",
      ),
    );
    const set = await run(
      content(ref.template, { title: { en: "Page 1" }, url: { en: ref.canonicalUrl.en } }),
    );
    expect(set.languages.map((l) => l.snippets.map((s) => s.text))).toEqual([
      ["This is Page 1.\n\nFoo bar!"],
    ]);
  });

  it("links prev and next in reading order across sections", async () => {
    const set = await run(
      content(page(html("<h2>A</h2><p>one</p><h2>B</h2><p>two</p>"), html("<p>three</p>"))),
    );
    const s = set.languages[0]!.snippets;
    expect(s.map((x) => [x.ordinal, x.text, x.headingPath])).toEqual([
      [0, "one", ["A"]],
      [1, "two\n\nthree", ["B"]],
    ]);
    expect(s[0]!.nextId).toBe(s[1]!.id);
    expect(s[1]!.prevId).toBe(s[0]!.id);
  });

  it("narrows a widget's text to the widget's feedKeys and fails closed on malformed ones", async () => {
    const set = await run(
      content(
        page(
          html("<p>for everyone in the content</p>"),
          html("<p>only for managers</p>", { feedKeys: ["g-managers", "g-all"] }),
          html("<p>props say hr</p>", {
            properties: { content: { en: "<p>props say hr</p>" }, feedKeys: ["g-hr"] },
          }),
          html("<p>broken permissions</p>", { feedKeys: "g-all" }),
        ),
        { audience: ["g-all", "g-managers"] },
      ),
    );
    expect(set.languages[0]!.snippets.map((s) => [s.text, s.audience])).toEqual([
      ["for everyone in the content", ["g-all", "g-managers"]],
      ["only for managers", ["g-all", "g-managers"]],
      ["props say hr", []],
      ["broken permissions", []],
    ]);
  });

  it("never lets an empty or null feedKeys in the properties lift the node's restriction (and vice versa)", async () => {
    const set = await run(
      content(
        page(
          html("<p>node says hr, props empty</p>", {
            feedKeys: ["g-hr"],
            properties: { content: { en: "<p>node says hr, props empty</p>" }, feedKeys: [] },
          }),
          html("<p>node says hr, props null</p>", {
            feedKeys: ["g-hr"],
            properties: { content: { en: "<p>node says hr, props null</p>" }, feedKeys: null },
          }),
          html("<p>props say hr, node empty</p>", {
            feedKeys: [],
            properties: { content: { en: "<p>props say hr, node empty</p>" }, feedKeys: ["g-hr"] },
          }),
        ),
        { audience: ["*"] },
      ),
    );
    expect(set.languages[0]!.snippets.map((s) => [s.text, s.audience])).toEqual([
      ["node says hr, props empty", ["g-hr"]],
      ["node says hr, props null", ["g-hr"]],
      ["props say hr, node empty", ["g-hr"]],
    ]);
  });

  it("narrows an item inside a widget to the item's own feedKeys", async () => {
    const tabs = {
      type: "widget",
      widgetType: "tabs",
      properties: {
        items: [
          { title: { en: "Open tab" }, content: { en: "<p>everyone reads this tab</p>" } },
          {
            title: { en: "Board tab" },
            content: { en: "<p>only the board reads this</p>" },
            feedKeys: ["g-board"],
          },
          { content: { en: "<p>untitled but restricted</p>" }, feedKeys: ["g-board"] },
        ],
      },
    };
    const set = await run(content(page(tabs), { audience: ["*"] }));
    const byText = Object.fromEntries(set.languages[0]!.snippets.map((s) => [s.text, s.audience]));
    expect(Object.entries(byText).find(([t]) => t.includes("everyone reads"))?.[1]).toEqual(["*"]);
    expect(Object.entries(byText).find(([t]) => t.includes("only the board"))?.[1]).toEqual(["g-board"]);
    expect(Object.entries(byText).find(([t]) => t.includes("untitled but restricted"))?.[1]).toEqual([
      "g-board",
    ]);
  });

  it("turns widget and accordion item titles into headings and skips list widgets", async () => {
    const accordion = {
      type: "widget",
      widgetType: "accordion",
      title: { en: "FAQ" },
      properties: {
        items: [{ title: { en: "Can I carry days over?" }, content: { en: "<p>Up to five.</p>" } }],
      },
    };
    const list = {
      type: "widget",
      widgetType: "content-list",
      properties: { content: { en: "<p>must not appear</p>" } },
    };
    const set = await run(content(page(accordion, list, html("<p>after</p>"))));
    expect(set.languages[0]!.snippets.map((s) => [s.headingPath, s.text])).toEqual([
      [["FAQ", "Can I carry days over?"], "Up to five."],
      [[], "after"],
    ]);
  });

  it("reads intro and rich-text widgets", async () => {
    const intro = {
      type: "widget",
      widgetType: "intro",
      properties: { content: { en: "A plain intro < with a bracket." } },
    };
    const rich = {
      type: "widget",
      widgetType: "rich-text",
      properties: {
        richText: {
          en: {
            children: [
              { type: "heading-two", children: [{ text: "Rules" }] },
              { type: "paragraph", children: [{ text: "Be " }, { text: "kind", bold: true }, { text: "." }] },
            ],
          },
        },
      },
    };
    const set = await run(content(page(intro, rich)));
    expect(set.languages[0]!.snippets.map((s) => [s.headingPath, s.text])).toEqual([
      [[], "A plain intro < with a bracket."],
      [["Rules"], "Be kind."],
    ]);
  });

  it("maps LumApps language codes and falls back per API.md when a widget lacks a language", async () => {
    const set = await run(
      content(
        page(
          html({ jp: "<p>日本語です。</p>", en: "<p>English.</p>" }),
          html({ en: "<p>Only English.</p>" }),
        ),
        {
          languages: ["en", "ja", "fr"],
          title: { en: "T", ja: "題" },
          url: { en: "https://x.example/en", ja: "https://x.example/ja" },
        },
      ),
    );
    expect(set.languages.map((l) => [l.lang, l.snippets.map((s) => [s.text, s.title, s.url])])).toEqual([
      ["en", [["English.\n\nOnly English.", "T", "https://x.example/en"]]],
      ["ja", [["日本語です。\n\nOnly English.", "題", "https://x.example/ja"]]],
      ["fr", [["English.\n\nOnly English.", "T", "https://x.example/en"]]],
    ]);
    const only = await run(
      content(page(html("<p>x</p>")), { languages: ["en", "fr"] }),
      createSnippetizer({ languages: ["fr"] }),
    );
    expect(only.languages.map((l) => l.lang)).toEqual(["fr"]);
  });

  it("falls back to the excerpt when the body has no text, and to nothing when neither has", async () => {
    const set = await run(content(page(html(`<p><img src="x.png"></p>`))));
    expect(set.languages[0]!.snippets.map((s) => s.text)).toEqual(["How to ask for leave."]);
    const none = await run(content(null, { excerpt: {} }));
    expect(none.languages).toEqual([]);
  });

  it("gives the same ids and hash on every run", async () => {
    const c = content(page(html("<h2>A</h2><p>one</p><h2>B</h2><p>two</p>")));
    const a = await run(c);
    const b = await sn.snippetize({ key: "acme:42", content: c }, "2030-01-01T00:00:00.000Z");
    expect(b.languages).toEqual(a.languages);
    expect(b.contentHash).toBe(a.contentHash);
  });

  it("changes ids only inside the section of an edited paragraph", async () => {
    const body = (edit: string) =>
      `<h2>One</h2><p>Alpha text.</p><p>Beta text.</p><h2>Two</h2><p>Gamma ${edit}text.</p><h3>Two.a</h3><p>Delta text.</p><h2>Three</h2><p>Epsilon text.</p>`;
    const before = (await run(content(page(html(body("")))))).languages[0]!.snippets;
    const after = (await run(content(page(html(body("edited ")))))).languages[0]!.snippets;
    expect(before.length).toBe(after.length);
    for (let i = 0; i < before.length; i++) {
      const inEdited = before[i]!.headingPath.join("/") === "Two";
      expect(after[i]!.id === before[i]!.id).toBe(!inEdited);
    }
  });

  it("gives identical passages in one section distinct ids, and the same passage elsewhere another id", async () => {
    const p = "<p>The very same passage of about twenty-five tokens, repeated word for word below.</p>";
    const set = await run(
      content(page(html(`<h2>A</h2>${p}${p}<h2>B</h2>${p}`))),
      createSnippetizer({ minTokens: 0, maxTokens: 32, maxChars: 128 }),
    );
    const s = set.languages[0]!.snippets;
    expect(s.map((x) => x.headingPath[0])).toEqual(["A", "A", "B"]);
    expect(new Set(s.map((x) => x.text)).size).toBe(1);
    expect(new Set(s.map((x) => x.id)).size).toBe(3);
  });

  it("keeps the content hash while the output is the same and changes it with the output or the settings", async () => {
    const c = content(page(html("<p>one</p>")));
    const a = await run(c);
    expect((await run(c)).contentHash).toBe(a.contentHash);
    expect((await run(content(page(html("<p>two</p>"))))).contentHash).not.toBe(a.contentHash);
    expect((await run(c, createSnippetizer({ maxTokens: 300 }))).contentHash).not.toBe(a.contentHash);
    expect((await run({ ...c, audience: ["g-other"] })).contentHash).not.toBe(a.contentHash);
  });

  it("computes ids exactly as the contracts' async snippetId does", async () => {
    const input = {
      sourceId: "acme",
      contentId: "42",
      lang: "ja",
      headingPath: ["見出し", "x"],
      text: "本文 😀",
      occurrence: 2,
    };
    expect(snippetIdSync(input)).toBe(await snippetId(input));
  });

  it("repairs lone surrogates in headings and titles from the input", async () => {
    const set = await run(
      content(page(html("<h2>bad \udc00 heading</h2><p>x</p>")), { title: { en: "t \ud800" } }),
    );
    const [s] = set.languages[0]!.snippets;
    expect([s!.headingPath, s!.title]).toEqual([["bad \ufffd heading"], "t \ufffd"]);
  });

  it("rejects a key that is not a content key", async () => {
    await expect(sn.snippetize({ key: "no-colon", content: content(page()) })).rejects.toThrow(/content key/);
  });
});
