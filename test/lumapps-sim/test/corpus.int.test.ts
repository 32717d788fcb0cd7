// biome-ignore-all lint/suspicious/noExplicitAny: the tests read JSON answers loosely, as a client sees them
import { corpusDir } from "@lumasnip/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groups, type RunningSimulator, type Seed, startSimulator, templateWidgets } from "../src/index.ts";
import { buildSeed } from "../src/seed-builder/build-seed.ts";
import { get, listAll, mintToken } from "./helpers.ts";

const corpus = corpusDir();

describe.skipIf(!corpus.dir)(
  `the full shared corpus as LumApps content${corpus.dir ? "" : ` — skipped: ${corpus.reason}`}`,
  () => {
    let seed: Seed;
    beforeAll(() => {
      seed = buildSeed({ corpusDir: corpus.dir! });
    });

    it("becomes 171 pages with 1,253 language bodies and 722 news, with unique ids", () => {
      const pages = seed.contents.filter((c) => c.type === "page");
      expect(pages).toHaveLength(171);
      expect(seed.contents.filter((c) => c.type === "news")).toHaveLength(722);
      expect(pages.reduce((n, p) => n + Object.keys(p.title).length, 0)).toBe(1253);
      expect(new Set(seed.contents.map((c) => c.id)).size).toBe(893);
      const langs = new Set(pages.flatMap((p) => Object.keys(p.title)));
      expect([...langs].sort()).toEqual(["ar", "cn", "de", "en", "es", "fr", "jp", "ru"]);
    });

    it("keeps each page's main content and leaves the documentation's navigation out", () => {
      for (const page of seed.contents.filter((c) => c.type === "page")) {
        const html = templateWidgets(page.template)
          .filter((w) => w.widgetType === "html")
          .flatMap((w) => Object.values(w.properties?.content as Record<string, string>))
          .join("\n");
        expect(html).not.toMatch(/class="(navheader|navfooter|docnav[^"]*)"|id="banner"|sphinxsidebar/);
        if (page.title.ar) expect(html).toContain('dir="rtl"');
      }
    });

    it("varies template shapes and carries the special cases", () => {
      const widgets: any[] = seed.contents.flatMap((c) => templateWidgets(c.template));
      const kinds = new Set(widgets.map((w) => w.widgetType));
      for (const kind of ["html", "intro", "title", "content-list", "meta", "featured-image"])
        expect(kinds).toContain(kind);
      expect(widgets.some((w) => w.widgetType === "html" && Object.keys(w.title).length > 0)).toBe(true);
      expect(widgets.some((w) => w.feedKeys.includes(groups.hr))).toBe(true);
      expect(seed.contents.some((c) => c.status === "DRAFT")).toBe(true);
      expect(seed.contents.some((c) => c.status === "ARCHIVE")).toBe(true);
      expect(seed.contents.some((c) => c.endDate && String(c.endDate) < "2026")).toBe(true);
      expect(seed.contents.some((c) => String(c.publicationDate) > "2030")).toBe(true);
      const metaIds = new Set(seed.metadata.map((m) => m.id));
      for (const news of seed.contents.filter((c) => c.type === "news")) {
        for (const id of news.metadata as string[]) expect(metaIds).toContain(id);
      }
    });

    describe("served by the simulator", () => {
      let sim: RunningSimulator;
      beforeAll(async () => {
        sim = await startSimulator({ seed });
      });
      afterAll(() => sim.close());

      it("lists all 893 items to the end for an administrator", async () => {
        const admin = await mintToken(sim, sim.users.find((u) => u.admin)!);
        const { items } = await listAll(
          sim,
          admin,
          { maxResults: 100 },
          { fields: "items(id,updatedAt),more,cursor" },
        );
        expect(new Set(items.map((i) => i.id)).size).toBe(893);
      });

      it("lists what the service user may read, bodies inline, per action", async () => {
        const reader = await mintToken(sim);
        const readable = (type: string) =>
          seed.contents.filter(
            (c) =>
              c.type === type &&
              c.status === "LIVE" &&
              (c.feedKeys.length === 0 || c.feedKeys.some((k) => sim.serviceUser.groups.includes(k))),
          ).length;
        for (const [action, type] of [
          ["PAGE_READ", "page"],
          ["NEWS_READ", "news"],
        ] as const) {
          const { items } = await listAll(sim, reader, { action, status: ["LIVE"], maxResults: "100" });
          expect(items).toHaveLength(readable(type));
          expect(items.every((i) => (i.template as any).components.length > 0)).toBe(true);
        }
      });

      it("serves every metadata with its family", async () => {
        const reader = await mintToken(sim);
        const all: any[] = [];
        let cursor: string | undefined;
        do {
          const res = await get(sim, reader, "metadata/list", {
            maxResults: "100",
            ...(cursor ? { cursor } : {}),
          });
          const page = (await res.json()) as any;
          all.push(...(page.items ?? []));
          cursor = page.more ? page.cursor : undefined;
        } while (cursor);
        expect(all).toHaveLength(seed.metadata.length);
        expect(
          all.every((m) => typeof m.familyKey === "string" && m.name && typeof m.name === "object"),
        ).toBe(true);
      });
    });

    it("scales to 10,000 items that list to the end with unique ids", async () => {
      const sim = await startSimulator({ seed, scale: 10_000 });
      try {
        const admin = await mintToken(sim, sim.users.find((u) => u.admin)!);
        const { items, pages } = await listAll(
          sim,
          admin,
          { maxResults: 100 },
          { fields: "items(id),more,cursor" },
        );
        expect(new Set(items.map((i) => i.id)).size).toBe(10_000);
        expect(pages).toHaveLength(100);
        const reader = await mintToken(sim);
        const news = await listAll(
          sim,
          reader,
          { action: "NEWS_READ", status: ["LIVE"] },
          { fields: "items(id),more,cursor" },
        );
        const expected = sim.control
          .contents()
          .filter((c) => c.type === "news" && c.status === "LIVE" && !c.feedKeys.includes(groups.hr)).length;
        expect(news.items).toHaveLength(expected);
      } finally {
        await sim.close();
      }
    });
  },
);
