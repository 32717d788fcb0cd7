import { buildSeed } from "@lumasnip/lumapps-sim";
import { ContentUpsertedSchema } from "@lumasnip/schema";
import { corpusDir } from "@lumasnip/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countByKey, expectedAudience, type Harness, PLATFORM, startHarness } from "./support/harness.ts";

describe("a full sync of the demo seed", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it("emits exactly one upsert per visible LIVE item, with the right audiences and nothing else", async () => {
    const { code } = await h.cli(["sync", "--once"]);
    expect(code).toBe(0);
    const upserts = await h.upserts();
    const visible = h.visible();
    expect(visible.length).toBeGreaterThan(10);
    expect(new Set(upserts.map((u) => u.content.id))).toEqual(new Set(visible.map((c) => c.id)));
    expect([...countByKey(upserts).values()].every((n) => n === 1)).toBe(true);
    for (const u of upserts) {
      expect(ContentUpsertedSchema.safeParse(u).success).toBe(true);
      const source = h.sim.control.content(u.content.id)!;
      expect(u.key).toBe(`sim:${source.id}`);
      expect(u.content.audience).toEqual(expectedAudience(source));
      expect(u.content.version).toBe(source.version);
      for (const url of Object.values(u.content.url)) expect(url).toMatch(/^https?:\/\//);
    }
    const all = h.sim.control.contents();
    const hidden = all.filter((c) => !visible.includes(c));
    expect(hidden.some((c) => c.status !== "LIVE")).toBe(true);
    expect(hidden.some((c) => c.feedKeys.length > 0)).toBe(true);
    expect(hidden.some((c) => c.publicationDate && String(c.publicationDate) > "2030")).toBe(true);
    expect(JSON.stringify(upserts)).not.toMatch(/@sim\.example\.com/);
    expect(upserts.some((u) => u.content.url.en?.startsWith(PLATFORM))).toBe(true);
    expect(await h.deletes()).toEqual([]);
  });

  it("maps LumApps language codes to BCP 47 and resolves metadata labels", async () => {
    const upserts = await h.upserts();
    const langs = new Set(upserts.flatMap((u) => u.content.languages));
    expect(langs.has("ja")).toBe(true);
    expect(langs.has("jp")).toBe(false);
    const tagged = upserts.flatMap((u) => u.content.tags).filter((t) => t.id.startsWith("metadata:"));
    expect(tagged.length).toBeGreaterThan(0);
    expect(tagged.every((t) => Object.keys(t.labels).length > 0)).toBe(true);
  });

  it("emits nothing more on the next poll, and saves its state", async () => {
    const before = (await h.events()).length;
    expect((await h.cli(["sync", "--once"])).code).toBe(0);
    expect((await h.events()).length).toBe(before);
    const { out, code } = await h.cli(["state", "show"]);
    expect(code).toBe(0);
    const shown = JSON.parse(out);
    expect(shown.items.live).toBe(h.visible().length);
    expect(Object.values(shown.scopes).every((s) => (s as { fullSync: unknown }).fullSync === "done")).toBe(
      true,
    );
  });

  it("lists everything again on sync --full, emitting only what changed", async () => {
    const [page] = h.visible().filter((c) => c.type === "page");
    h.sim.control.edit(page!.id, { paragraph: "Edited before a full sync." });
    h.sim.control.resetCounters();
    await h.fresh();
    expect((await h.cli(["sync", "--full"])).code).toBe(0);
    const events = await h.fresh();
    expect(events.map((e) => [e.kind, e.key])).toEqual([["content.upserted", `sim:${page!.id}`]]);
    // every scope listed from its first page again
    const scopes = Object.keys(JSON.parse((await h.cli(["state", "show"])).out).scopes).length;
    expect(h.sim.control.counters().requests["content/list"]).toBeGreaterThanOrEqual(scopes);
  });

  it("runs check through the same CLI", async () => {
    const { code, out } = await h.cli(["check"]);
    expect(code).toBe(0);
    expect(out).toMatch(/sim/);
  });
});

const corpus = corpusDir();
describe.skipIf(!corpus.dir)(
  `a full sync of the whole corpus${corpus.dir ? "" : ` (skipped: ${corpus.reason})`}`,
  () => {
    let h: Harness;
    beforeAll(async () => {
      const seed = await buildSeed({ corpusDir: corpus.dir! });
      h = await startHarness({ sim: { seed } });
    }, 120_000);
    afterAll(() => h?.close());

    it("emits exactly one upsert per visible LIVE item, none for drafts, archived, future or invisible ones", async () => {
      expect((await h.cli(["sync", "--once"])).code).toBe(0);
      const upserts = await h.upserts();
      const visible = h.visible();
      expect(visible.length).toBeGreaterThan(500);
      expect(upserts.length).toBe(visible.length);
      expect(new Set(upserts.map((u) => u.content.id))).toEqual(new Set(visible.map((c) => c.id)));
      for (const u of upserts)
        expect(u.content.audience).toEqual(expectedAudience(h.sim.control.content(u.content.id)!));
      expect(await h.dlq()).toEqual([]);
    }, 300_000);
  },
);
