import { describe, expect, it } from "vitest";
import { groups, type SimContent, startSimulator } from "../src/index.ts";
import { useSimulator } from "../src/vitest.ts";
import { get, listAll, mintToken, post, useTokens } from "./helpers.ts";

describe("content/list", () => {
  const sim = useSimulator({ seed: "fixture" }, { reset: false });
  const tokens = useTokens(sim);
  const readable = (c: SimContent) => c.status === "LIVE" && !c.feedKeys.includes(groups.hr);

  it("pages a reader's listing to the end by cursor, each readable LIVE page once", async () => {
    const { items, pages } = await listAll(sim, tokens.reader, {
      action: "PAGE_READ",
      status: ["LIVE"],
      maxResults: "3",
    });
    const expected = sim.control.contents().filter((c) => c.type === "page" && readable(c));
    expect(items.map((i) => i.id).sort()).toEqual(expected.map((c) => c.id).sort());
    expect(pages.length).toBeGreaterThan(3);
    expect(pages.every((p) => (p.items?.length ?? 0) <= 3)).toBe(true);
  });

  it("returns an empty page with more and a cursor when rights filter the whole page out", async () => {
    // the newest page of the fixture is restricted to HR: the reader's first page of one is empty
    const res = await post(sim, tokens.reader, "content/list", { action: "PAGE_READ", maxResults: 1 });
    const page = (await res.json()) as Record<string, unknown>;
    expect(page).not.toHaveProperty("items");
    expect(page.more).toBe(true);
    expect(typeof page.cursor).toBe("string");
    const { pages } = await listAll(sim, tokens.reader, { action: "PAGE_READ", maxResults: 1 });
    expect(pages.filter((p) => !p.items && p.more).length).toBeGreaterThan(1);
  });

  it("sorts by -updatedAt by default and by other fields on request", async () => {
    const desc = await listAll(sim, tokens.admin, { maxResults: 7 });
    const stamps = desc.items.map((i) => String(i.updatedAt));
    expect(stamps).toEqual([...stamps].sort().reverse());
    const asc = await listAll(sim, tokens.admin, { sortOrder: ["createdAt"], maxResults: 7 });
    const created = asc.items.map((i) => String(i.createdAt));
    expect(created).toEqual([...created].sort());
    expect(new Set(asc.items.map((i) => i.id)).size).toBe(sim.control.contents().length);
    const res = await post(sim, tokens.admin, "content/list", { sortOrder: ["-title"] });
    expect(res.status).toBe(400);
  });

  it("projects fields given as a query parameter or in the body", async () => {
    const byQuery = await post(
      sim,
      tokens.reader,
      "content/list",
      { action: "NEWS_READ", maxResults: 2 },
      { fields: "items(id,title),more" },
    );
    const q = (await byQuery.json()) as { items: Record<string, unknown>[] };
    expect(Object.keys(q).sort()).toEqual(["items", "more"]);
    expect(Object.keys(q.items[0]!).sort()).toEqual(["id", "title"]);
    const byBody = await post(sim, tokens.reader, "content/list", {
      action: "NEWS_READ",
      maxResults: 2,
      fields: "items(id,template/components,lastRevision(version)),cursor",
    });
    const b = (await byBody.json()) as { items: { template: Record<string, unknown> }[]; cursor: string };
    expect(Object.keys(b).sort()).toEqual(["cursor", "items"]);
    expect(Object.keys(b.items[0]!).sort()).toEqual(["id", "template"]);
    expect(Object.keys(b.items[0]!.template)).toEqual(["components"]);
    const bad = await post(
      sim,
      tokens.reader,
      "content/list",
      { action: "NEWS_READ" },
      { fields: "items(id" },
    );
    expect(bad.status).toBe(400);
  });

  it("accepts maxResults as a string or a number, caps it at 100 and refuses nonsense", async () => {
    const big = await startSimulator({ seed: "fixture", scale: 150 });
    try {
      const token = await mintToken(big, big.users.find((u) => u.admin)!);
      const res = await post(big, token, "content/list", { maxResults: "500" }, { fields: "items(id),more" });
      expect(((await res.json()) as { items: unknown[] }).items).toHaveLength(100);
      const dflt = await post(big, token, "content/list", {}, { fields: "items(id)" });
      expect(((await dflt.json()) as { items: unknown[] }).items).toHaveLength(30);
    } finally {
      await big.close();
    }
    for (const bad of [0, "abc", -3, 2.5]) {
      expect((await post(sim, tokens.admin, "content/list", { maxResults: bad })).status).toBe(400);
    }
  });

  it("lists without an action only for an administrator", async () => {
    const res = await post(sim, tokens.reader, "content/list", { status: ["LIVE"] });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(403);
    const all = await listAll(sim, tokens.admin, { maxResults: 100 });
    expect(all.items).toHaveLength(sim.control.contents().length);
    expect(all.items.some((i) => i.status === "ARCHIVE")).toBe(true);
    expect((await post(sim, tokens.reader, "content/list", { action: "NOT_AN_ACTION" })).status).toBe(400);
  });

  it("lists per action: NEWS_READ only news, an edit right the reader lacks nothing", async () => {
    const news = await listAll(sim, tokens.reader, { action: "NEWS_READ", maxResults: 100 });
    expect(news.items.length).toBeGreaterThan(0);
    expect(news.items.every((i) => i.type === "news")).toBe(true);
    const edit = await listAll(sim, tokens.reader, { action: "PAGE_EDIT", maxResults: 5 });
    expect(edit.items).toHaveLength(0);
    expect(edit.pages.length).toBeGreaterThan(1);
    const adminEdit = await listAll(sim, tokens.admin, { action: "PAGE_EDIT", maxResults: 100 });
    expect(adminEdit.items.every((i) => i.type === "page")).toBe(true);
    expect(adminEdit.items.length).toBeGreaterThan(0);
  });

  it("filters by site, type, status, content type and ids", async () => {
    const [site] = sim.control.instances();
    const inSite = await listAll(sim, tokens.admin, { instanceId: [site!.id], maxResults: 100 });
    expect(inSite.items.every((i) => i.instance === site!.id)).toBe(true);
    const archived = await listAll(sim, tokens.admin, {
      status: ["ARCHIVE"],
      type: ["page"],
      maxResults: 100,
    });
    expect(archived.items.length).toBeGreaterThan(0);
    expect(archived.items.every((i) => i.status === "ARCHIVE" && i.type === "page")).toBe(true);
    const one = sim.control.contents()[0]!;
    const byIds = await listAll(sim, tokens.admin, {
      ids: [one.id],
      customContentType: [one.customContentType],
    });
    expect(byIds.items.map((i) => i.id)).toEqual([one.id]);
    expect((await post(sim, tokens.admin, "content/list", { type: "page" })).status).toBe(400);
  });

  it("accepts lang as a string, a list or empty", async () => {
    for (const lang of ["en", ["en"], ""]) {
      expect((await post(sim, tokens.reader, "content/list", { action: "PAGE_READ", lang })).status).toBe(
        200,
      );
    }
    expect((await post(sim, tokens.reader, "content/list", { action: "PAGE_READ", lang: 5 })).status).toBe(
      400,
    );
  });

  it("refuses a cursor from another query or a garbled one", async () => {
    const first = (await (await post(sim, tokens.admin, "content/list", { maxResults: 2 })).json()) as {
      cursor: string;
    };
    expect(
      (await post(sim, tokens.admin, "content/list", { maxResults: 2, type: ["news"], cursor: first.cursor }))
        .status,
    ).toBe(400);
    expect((await post(sim, tokens.admin, "content/list", { cursor: "garbage!" })).status).toBe(400);
  });

  it("pages by position: an item edited mid-listing jumps before the cursor, the rest is neither lost nor repeated", async () => {
    const oldest = [...sim.control.contents()].sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : 1))[0]!;
    const others = sim.control.contents().filter((c) => c.id !== oldest.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await post(sim, tokens.admin, "content/list", {
        maxResults: 4,
        ...(cursor ? { cursor } : {}),
      });
      const page = (await res.json()) as { items?: { id: string }[]; more: boolean; cursor?: string };
      seen.push(...(page.items ?? []).map((i) => i.id));
      if (!cursor) sim.control.edit(oldest.id, { paragraph: "moved to the front" });
      cursor = page.more ? page.cursor : undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(others.map((c) => c.id).sort());
  });

  it("answers content/list only to POST", async () => {
    expect((await get(sim, tokens.reader, "content/list")).status).toBe(405);
  });
});
