import { groups } from "@lumasnip/lumapps-sim";
import type { ContentEvent } from "@lumasnip/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./support/harness.ts";

/**
 * A date set this far ahead is still ahead when the first poll after it ends, even on a loaded CI
 * machine (a 2.5 s window was not: the poll waited for the lock, then saw the news expired); the
 * tests then wait only for what is left of it.
 */
const DATE_WINDOW_MS = 10_000;
const until = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now() + 250)));

/** Changes after the first full sync, each followed by a poll (`sync --once`) or a reconcile. */
describe("following changes", () => {
  let h: Harness;
  const fresh = (): Promise<ContentEvent[]> => h.fresh();
  const poll = async () => expect((await h.cli(["sync", "--once"])).code).toBe(0);
  const visibleOf = (type: string, site?: string) =>
    h.visible().filter((c) => c.type === type && (!site || c.instance === site) && !c.endDate);
  const used = new Set<string>();
  /** visible items no earlier test touched (an item edited a moment ago is inside the poll's overlap) */
  const pick = (
    type: string,
    n: number,
    filter: (c: ReturnType<typeof visibleOf>[number]) => boolean = () => true,
  ) => {
    const out = visibleOf(type)
      .filter((c) => !used.has(c.id) && filter(c))
      .slice(0, n);
    for (const c of out) used.add(c.id);
    if (out.length < n) throw new Error(`not enough untouched ${type} items`);
    return out;
  };

  beforeAll(async () => {
    // small pages so that every scope's listing has several pages (broken-cursor faults need that)
    h = await startHarness({ source: { pageSize: 5 } });
    await poll();
    await fresh();
  });
  afterAll(() => h.close());

  it("emits one upsert for an edit, and nothing for unchanged items in the overlap", async () => {
    const [a, b] = pick("page", 2);
    h.sim.control.edit(a!.id, { paragraph: "First edit." });
    await poll();
    expect(
      (await fresh()).map((e) => [e.kind, e.key, e.kind === "content.upserted" && e.content.version]),
    ).toEqual([["content.upserted", `sim:${a!.id}`, a!.version + 1]]);
    h.sim.control.edit(b!.id, { paragraph: "Second edit." });
    await poll();
    expect((await fresh()).map((e) => e.key)).toEqual([`sim:${b!.id}`]);
    await poll();
    expect(await fresh()).toEqual([]);
  });

  it("ignores a newer draft revision: the live fields did not change", async () => {
    const [c] = pick("page", 1);
    h.sim.control.addDraftRevision(c!.id, { title: { en: "Draft title" } });
    await poll();
    expect((await h.cli(["reconcile"])).code).toBe(0);
    expect(await fresh()).toEqual([]);
  });

  it("emits an upsert for a created item", async () => {
    const created = h.sim.control.create({ type: "page", title: { en: "Brand new" } });
    await poll();
    const events = await fresh();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: "content.upserted",
      key: `sim:${created.id}`,
      content: { title: { en: "Brand new" } },
    });
  });

  it("deletes a deleted and an archived item at the next reconcile, not before", async () => {
    // one per scope: two deletes in a small scope would be over the mass-delete share
    const [x] = pick("news", 1);
    const [y] = pick("page", 1, (c) => c.instance !== x!.instance);
    h.sim.control.delete(x!.id);
    h.sim.control.archive(y!.id);
    await poll();
    expect(await fresh()).toEqual([]);
    expect((await h.cli(["reconcile"])).code).toBe(0);
    const events = await fresh();
    expect(events.map((e) => [e.kind, e.key]).sort()).toEqual(
      [
        ["content.deleted", `sim:${x!.id}`],
        ["content.deleted", `sim:${y!.id}`],
      ].sort(),
    );
    const reasons = Object.fromEntries(
      events.map((e) => [e.key, e.kind === "content.deleted" ? e.reason : ""]),
    );
    expect(reasons[`sim:${x!.id}`]).toBe("deleted");
    expect(["archived", "deleted"]).toContain(reasons[`sim:${y!.id}`]);
  });

  it("deletes news past its endDate as expired, with no API call", async () => {
    const [n] = pick("news", 1);
    const endsAt = Date.now() + DATE_WINDOW_MS;
    h.sim.control.setDates(n!.id, { endDate: new Date(endsAt).toISOString() });
    await poll();
    expect((await fresh()).map((e) => [e.kind, e.key])).toEqual([["content.upserted", `sim:${n!.id}`]]);
    await until(endsAt);
    await poll();
    expect(await fresh()).toEqual([
      expect.objectContaining({ kind: "content.deleted", key: `sim:${n!.id}`, reason: "expired" }),
    ]);
  });

  it("emits scheduled news only when its publicationDate arrives", async () => {
    const created = h.sim.control.create({ type: "news", title: { en: "Coming soon" } });
    const publishedAt = Date.now() + DATE_WINDOW_MS;
    h.sim.control.setDates(created.id, { publicationDate: new Date(publishedAt).toISOString() });
    await poll();
    expect(await fresh()).toEqual([]);
    await until(publishedAt);
    await poll();
    expect((await fresh()).map((e) => [e.kind, e.key])).toEqual([["content.upserted", `sim:${created.id}`]]);
  });

  it("follows an audience change that did not bump updatedAt, at the next reconcile", async () => {
    const [narrowed, hidden] = pick("page", 2, (c) => c.feedKeys.length === 0);
    h.sim.control.setAudience(narrowed!.id, [groups.it], { bumpUpdatedAt: false });
    h.sim.control.setAudience(hidden!.id, [groups.hr], { bumpUpdatedAt: false });
    await poll();
    expect(await fresh()).toEqual([]);
    expect((await h.cli(["reconcile"])).code).toBe(0);
    const events = await fresh();
    expect(events).toHaveLength(2);
    const byKey = Object.fromEntries(events.map((e) => [e.key, e]));
    expect(byKey[`sim:${narrowed!.id}`]).toMatchObject({
      kind: "content.upserted",
      content: { audience: [groups.it], version: narrowed!.version },
    });
    expect(byKey[`sim:${hidden!.id}`]).toMatchObject({ kind: "content.deleted" });
  });

  it("re-emits an item whose widget was narrowed, though its version did not change", async () => {
    const [w] = pick("page", 1);
    h.sim.control.setWidgetAudience(w!.id, [groups.board]);
    expect((await h.cli(["reconcile"])).code).toBe(0);
    const events = await fresh();
    expect(events.map((e) => [e.kind, e.key])).toEqual([["content.upserted", `sim:${w!.id}`]]);
    expect(JSON.stringify((events[0] as { content: { template: unknown } }).content.template)).toContain(
      groups.board,
    );
  });

  it("re-emits the contents carrying a renamed label", async () => {
    const news = visibleOf("news").filter(
      (c) => Array.isArray(c.metadata) && (c.metadata as string[]).length > 0,
    );
    const label = (news[0]!.metadata as string[])[0]!;
    const carriers = new Set(
      visibleOf("news")
        .filter((c) => ((c.metadata as string[] | undefined) ?? []).includes(label))
        .map((c) => `sim:${c.id}`),
    );
    h.sim.control.renameMetadata(label, { en: "Renamed label" });
    await poll();
    const events = await fresh();
    expect(new Set(events.map((e) => e.key))).toEqual(carriers);
    for (const e of events) {
      expect(e.kind).toBe("content.upserted");
      const tag = (
        e as { content: { tags: { id: string; labels: Record<string, string> }[] } }
      ).content.tags.find((t) => t.id === `metadata:${label}`);
      expect(tag?.labels.en).toBe("Renamed label");
    }
    await poll();
    expect(await fresh()).toEqual([]);
  });

  it("deletes nothing when a reconcile listing breaks its paging halfway", async () => {
    const [gone] = pick("news", 1);
    h.sim.control.delete(gone!.id);
    const fault = h.sim.control.addFault({ route: "content/list", kind: "break-cursor", mode: "missing" });
    const { code } = await h.cli(["reconcile"]);
    expect(code).toBe(1);
    expect(await fresh()).toEqual([]);
    h.sim.control.removeFault(fault);
    expect((await h.cli(["reconcile"])).code).toBe(0);
    expect((await fresh()).map((e) => [e.kind, e.key])).toEqual([["content.deleted", `sim:${gone!.id}`]]);
  });

  it("withdraws what the service user can no longer read even when the guard holds the scope", async () => {
    const site: Record<string, number> = {};
    for (const c of visibleOf("news")) site[c.instance] = (site[c.instance] ?? 0) + 1;
    const biggest = Object.entries(site).sort((a, b) => b[1] - a[1])[0]![0];
    const [restricted, deleted, ...expired] = visibleOf("news", biggest).slice(0, 4);
    // HR only: the service user is not in that group, so content/get answers 404
    h.sim.control.setAudience(restricted!.id, [groups.hr], { bumpUpdatedAt: false });
    h.sim.control.delete(deleted!.id);
    // expired news is still listed and readable (and the edge hides it by its endDate): held
    const past = new Date(Date.now() - 60_000).toISOString();
    for (const e of expired) h.sim.control.setDates(e.id, { endDate: past });
    const held = await h.cli(["reconcile"]);
    expect(held.code).toBe(3);
    expect((await fresh()).map((e) => [e.kind, e.key]).sort()).toEqual(
      [
        ["content.deleted", `sim:${restricted!.id}`],
        ["content.deleted", `sim:${deleted!.id}`],
      ].sort(),
    );
    expect((await h.cli(["reconcile", "--allow-mass-delete"])).code).toBe(0);
    expect((await fresh()).map((e) => e.key).sort()).toEqual(expired.map((e) => `sim:${e.id}`).sort());
  });

  it("holds back a mass delete until it is allowed", async () => {
    const site: Record<string, number> = {};
    for (const c of visibleOf("news")) site[c.instance] = (site[c.instance] ?? 0) + 1;
    const biggest = Object.entries(site).sort((a, b) => b[1] - a[1])[0]![0];
    const victims = visibleOf("news", biggest).slice(0, 4);
    // expired items are still listed and readable by the service user: the guard holds them
    const past = new Date(Date.now() - 60_000).toISOString();
    for (const v of victims) h.sim.control.setDates(v.id, { endDate: past });
    const held = await h.cli(["reconcile"]);
    expect(held.code).toBe(3);
    expect(await fresh()).toEqual([]);
    expect(await h.metrics.registry.getSingleMetricAsString("lumasnip_fetcher_deletes_held_back")).toMatch(
      / 4$/m,
    );
    expect((await h.cli(["reconcile", "--allow-mass-delete"])).code).toBe(0);
    expect((await fresh()).map((e) => e.key).sort()).toEqual(victims.map((v) => `sim:${v.id}`).sort());
  });
});
