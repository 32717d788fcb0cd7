// biome-ignore-all lint/suspicious/noExplicitAny: the tests read JSON answers loosely, as a client sees them
import { describe, expect, it } from "vitest";
import { groups, type SimContent } from "../src/index.ts";
import { useSimulator } from "../src/vitest.ts";
import { control, get, listAll, post, useTokens } from "./helpers.ts";

describe("changes on demand", () => {
  const sim = useSimulator({ seed: "fixture" }, { reset: false });
  const tokens = useTokens(sim);

  const open = (type = "page") =>
    sim.control
      .contents()
      .filter((c) => c.type === type && c.status === "LIVE" && c.feedKeys.length === 0)
      .sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : 1))[0]!;
  const fetchContent = async (id: string, token = tokens.reader) => {
    const res = await get(sim, token, "content/get", { uid: id });
    return res.status === 200 ? ((await res.json()) as SimContent) : res.status;
  };
  const newest = async (action = "PAGE_READ") => {
    const res = await post(sim, tokens.reader, "content/list", { action, status: ["LIVE"], maxResults: 1 });
    return ((await res.json()) as { items?: SimContent[] }).items?.[0];
  };
  const htmlOf = (c: SimContent) => JSON.stringify(c.template);

  it("creates a page that lists first and can be fetched", async () => {
    const created = sim.control.create({ title: { en: "Brand new" }, html: { en: "<p>Fresh text</p>" } });
    expect(created.id).toMatch(/^\d{16}$/);
    expect((await newest())?.id).toBe(created.id);
    const got = await fetchContent(created.id);
    expect(typeof got === "object" && got.title).toEqual({ en: "Brand new" });
  });

  it("edits a paragraph: the body changes, updatedAt and version go up, the item lists first", async () => {
    const before = open();
    const after = sim.control.edit(before.id, { paragraph: "A sentence added by a test." });
    expect(after.version).toBe(before.version + 1);
    expect(after.updatedAt > before.updatedAt).toBe(true);
    expect((await newest())?.id).toBe(before.id);
    const served = (await fetchContent(before.id)) as SimContent;
    expect(htmlOf(served)).toContain("A sentence added by a test.");
    expect(htmlOf(before)).not.toContain("A sentence added by a test.");
  });

  it("replaces one language's HTML", async () => {
    const target = open();
    const lang = Object.keys(target.title)[0]!;
    sim.control.edit(target.id, { lang, html: "<h2>Rewritten</h2><p>All new.</p>" });
    expect(htmlOf((await fetchContent(target.id)) as SimContent)).toContain("<h2>Rewritten</h2>");
  });

  it("archives: the item leaves LIVE listings and content/get, and comes back on restore", async () => {
    const target = open("news");
    sim.control.archive(target.id);
    const live = await listAll(sim, tokens.reader, {
      action: "NEWS_READ",
      status: ["LIVE"],
      maxResults: 100,
    });
    expect(live.items.map((i) => i.id)).not.toContain(target.id);
    expect(await fetchContent(target.id)).toBe(404);
    expect(((await fetchContent(target.id, tokens.admin)) as SimContent).status).toBe("ARCHIVE");
    sim.control.restore(target.id);
    expect(((await fetchContent(target.id)) as SimContent).status).toBe("LIVE");
  });

  it("deletes: gone for everyone", async () => {
    const target = open("news");
    sim.control.delete(target.id);
    expect(await fetchContent(target.id)).toBe(404);
    expect(await fetchContent(target.id, tokens.admin)).toBe(404);
    const all = await listAll(sim, tokens.admin, { maxResults: 100 });
    expect(all.items.map((i) => i.id)).not.toContain(target.id);
  });

  it("restricts an audience without bumping updatedAt, and widens it with a bump", async () => {
    const target = open();
    const restricted = sim.control.setAudience(target.id, [groups.hr], { bumpUpdatedAt: false });
    expect(restricted.updatedAt).toBe(target.updatedAt);
    expect(restricted.version).toBe(target.version);
    expect(await fetchContent(target.id)).toBe(404);
    const widened = sim.control.setAudience(target.id, [], { bumpUpdatedAt: true });
    expect(widened.updatedAt > target.updatedAt).toBe(true);
    expect(((await fetchContent(target.id)) as SimContent).feedKeys).toEqual([]);
  });

  it("restricts one widget's audience", async () => {
    const target = open();
    const changed = sim.control.setWidgetAudience(target.id, [groups.board]);
    expect(changed.updatedAt).toBe(target.updatedAt);
    expect(htmlOf((await fetchContent(target.id)) as SimContent)).toContain(groups.board);
  });

  it("renames a metadata label without touching the contents that carry it", async () => {
    const tag = sim.control.metadata().find((m) => m.parent)!;
    const carrier = sim.control
      .contents()
      .find((c) => (c.metadata as string[] | undefined)?.includes(tag.id))!;
    sim.control.renameMetadata(tag.id, { en: "Renamed label" });
    const meta = (await (await get(sim, tokens.reader, "metadata/get", { uid: tag.id })).json()) as any;
    expect(meta.name.en).toBe("Renamed label");
    expect(meta.updatedAt > tag.updatedAt).toBe(true);
    expect(sim.control.content(carrier.id)!.updatedAt).toBe(carrier.updatedAt);
  });

  it("adds a draft revision newer than the live content, leaving the live fields alone", async () => {
    const target = open();
    const drafted = sim.control.addDraftRevision(target.id, { title: { en: "Work in progress" } });
    const served = (await fetchContent(target.id)) as SimContent & { lastRevision: any };
    expect(served.lastRevision).toMatchObject({ status: "DRAFT", version: target.version + 1 });
    expect(served.lastRevision.updatedAt > served.updatedAt).toBe(true);
    expect(served.updatedAt).toBe(target.updatedAt);
    expect(served.title).toEqual(target.title);
    expect(drafted.version).toBe(target.version);
  });

  it("sets a past endDate and a future publicationDate, and clears them", async () => {
    const target = open("news");
    sim.control.setDates(target.id, {
      endDate: "2020-01-01T00:00:00Z",
      publicationDate: "2099-01-01T00:00:00Z",
    });
    const served = (await fetchContent(target.id)) as SimContent;
    expect(served.endDate).toBe("2020-01-01T00:00:00.000000");
    expect(served.publicationDate).toBe("2099-01-01T00:00:00.000000");
    sim.control.setDates(target.id, { endDate: null });
    expect(sim.control.content(target.id)).not.toHaveProperty("endDate");
  });

  it("makes every change over HTTP too, with 404 for unknown ids and 400 for unknown kinds", async () => {
    const target = open();
    const res = await control(sim, "POST", "changes", {
      kind: "edit",
      id: target.id,
      paragraph: "Over HTTP.",
    });
    expect(res.status).toBe(200);
    expect(res.body.content.version).toBe(target.version + 1);
    expect((await control(sim, "POST", "changes", { kind: "archive", id: "1" })).status).toBe(404);
    expect((await control(sim, "POST", "changes", { kind: "explode", id: target.id })).status).toBe(400);
    const log = await control(sim, "GET", "changes");
    expect(log.body.at(-1)).toMatchObject({ kind: "edit", id: target.id });
    const one = await control(sim, "GET", `contents/${target.id}`);
    expect(one.body.version).toBe(target.version + 1);
    const advanced = await control(sim, "POST", "clock/advance", { ms: 1000 });
    expect(advanced.status).toBe(200);
  });

  it("runs a ticker that keeps changing content until stopped", async () => {
    const before = sim.control.changeLog().length;
    const started = await control(sim, "POST", "ticker", { intervalMs: 10, randomSeed: 3 });
    expect(started.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    await control(sim, "DELETE", "ticker");
    const made = sim.control.changeLog().length - before;
    expect(made).toBeGreaterThan(5);
    await new Promise((r) => setTimeout(r, 100));
    expect(sim.control.changeLog().length - before).toBe(made);
  });
});
