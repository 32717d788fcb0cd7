import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { kvKeys, type Manifest } from "@lumasnip/schema";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../src/index.ts";
import { runScheduled } from "../src/scheduled.ts";
import { ADMIN_SECRET, call, callJson, createKey, publish, writeKey } from "./support/client.ts";
import { buildContent } from "./support/fixtures.ts";

const GRACE_MS = 120_000;
let reader: string;
let writer: string;

beforeAll(async () => {
  reader = await createKey({ audiences: ["*"] });
  writer = await writeKey();
});

async function kvNames(prefix: string): Promise<string[]> {
  return (await env.SNIPPETS.list({ prefix })).keys.map((k) => k.name);
}

async function gcAt(now: number) {
  return runScheduled(createScheduledController({ scheduledTime: now, cron: "* * * * *" }), env as never);
}

describe("the admin protocol", () => {
  it("commits a first manifest with expectedVersion null and bumps the version on each commit", async () => {
    const c = await buildContent({ contentId: "5001", texts: { en: ["A.", "B."] } });
    expect(await publish(c)).toEqual({ version: 1, staleScheduled: 0 });
    const stored = await callJson<Manifest>(`/admin/v1/manifests/${c.key}`, { key: writer });
    expect(stored.version).toBe(1);
    expect(stored.committedAt).toMatch(/Z$/);
    const again = await publish(c, 1);
    expect(again.version).toBe(2);
  });

  it("answers 409 with the current version when the expected version is stale, and writes nothing", async () => {
    const c = await buildContent({ contentId: "5002", texts: { en: ["A."] }, tags: ["metadata:conflict"] });
    await publish(c);
    const changed = await buildContent({
      contentId: "5002",
      texts: { en: ["Changed."] },
      tags: ["metadata:other"],
    });
    for (const expectedVersion of [null, 2]) {
      const res = await call(`/admin/v1/manifests/${c.key}/commit`, {
        key: writer,
        method: "POST",
        body: { expectedVersion, manifest: changed.manifest },
      });
      expect(res.status).toBe(409);
      expect(await res.json()).toEqual({
        error: { code: "conflict", message: expect.any(String) },
        currentVersion: 1,
      });
    }
    expect(await kvNames("it:metadata:other|")).toEqual([]);
    expect((await callJson<Manifest>(`/admin/v1/manifests/${c.key}`, { key: writer })).version).toBe(1);
    const none = await call("/admin/v1/manifests/acme:5999/commit", {
      key: writer,
      method: "POST",
      body: {
        expectedVersion: 3,
        manifest: (await buildContent({ contentId: "5999", texts: { en: ["x."] } })).manifest,
      },
    });
    expect(((await none.json()) as { currentVersion: unknown }).currentVersion).toBeNull();
  });

  it("keeps the tag, site and URL indexes in step with each commit", async () => {
    const v1 = await buildContent({
      contentId: "5003",
      texts: { en: ["A."], fr: ["Un."] },
      tags: ["metadata:old", "metadata:kept"],
      siteId: "s1",
    });
    await publish(v1);
    expect(await kvNames("it:metadata:old|")).toEqual(["it:metadata:old|acme:5003"]);
    const v2 = await buildContent({
      contentId: "5003",
      texts: { en: ["A."] },
      tags: ["metadata:kept", "metadata:new"],
      siteId: "s2",
    });
    await publish(v2, 1);
    expect(await kvNames("it:metadata:old|")).toEqual([]);
    expect(await kvNames("it:metadata:new|")).toEqual(["it:metadata:new|acme:5003"]);
    expect(await kvNames("is:acme:s1|")).toEqual([]);
    expect(await kvNames("is:acme:s2|")).toEqual(["is:acme:s2|acme:5003"]);
    const fr = await call(`/v1/lookup?url=${encodeURIComponent(v1.url.fr as string)}`, { key: reader });
    expect(fr.status).toBe(404);
    const en = await call(`/v1/lookup?url=${encodeURIComponent(v1.url.en as string)}`, { key: reader });
    expect(en.status).toBe(200);
  });

  it("deletes dropped snippets only after the grace period, keeping them readable until then", async () => {
    const v1 = await buildContent({ contentId: "5004", texts: { en: ["Keep.", "Drop me.", "Keep too."] } });
    await publish(v1);
    const dropped = v1.ids.en?.[1] as string;
    const v2 = await buildContent({ contentId: "5004", texts: { en: ["Keep.", "Keep too."] } });
    const commit = await publish(v2, 1);
    expect(commit).toMatchObject({ version: 2, staleScheduled: 1 });
    const due = Date.parse(commit.staleDueAt as string);
    expect(due - Date.now()).toBeGreaterThan(GRACE_MS - 5000);

    // a reader holding manifest v1 still finds the dropped snippet
    const during = await call(`/v1/snippets/${dropped}`, { key: reader });
    expect(during.status).toBe(200);
    expect(((await during.json()) as { prevId: string | null }).prevId).toBe(v1.ids.en?.[0]);
    expect(await gcAt(due - 1000)).toEqual({ deleted: 0, remaining: 0 });
    expect(await env.SNIPPETS.get(kvKeys.snippet(dropped))).not.toBeNull();

    expect((await gcAt(due + 1)).deleted).toBeGreaterThanOrEqual(1);
    expect(await env.SNIPPETS.get(kvKeys.snippet(dropped))).toBeNull();
    expect((await call(`/v1/snippets/${dropped}`, { key: reader })).status).toBe(404);
    for (const id of v2.ids.en ?? []) expect(await env.SNIPPETS.get(kvKeys.snippet(id))).not.toBeNull();
    expect((await kvNames("g:")).filter((n) => n.includes("acme:5004"))).toEqual([]);
  });

  it("never collects a snippet that a later manifest references again", async () => {
    const v1 = await buildContent({ contentId: "5005", texts: { en: ["Stays.", "Comes back."] } });
    await publish(v1);
    await publish(await buildContent({ contentId: "5005", texts: { en: ["Stays."] } }), 1);
    await publish(v1, 2);
    await gcAt(Date.now() + GRACE_MS + 60_000);
    for (const id of v1.ids.en ?? []) expect(await env.SNIPPETS.get(kvKeys.snippet(id))).not.toBeNull();
    const served = await callJson<{ snippets: unknown[] }>(`/v1/contents/${v1.key}/snippets`, {
      key: reader,
    });
    expect(served.snippets).toHaveLength(2);
  });

  it("deletes a content: manifest and index entries at once, its snippets after the grace period, by the cron handler", async () => {
    const c = await buildContent({
      contentId: "5006",
      texts: { en: ["One.", "Two."], de: ["Eins."] },
      tags: ["metadata:gone"],
      siteId: "gone",
    });
    await publish(c);
    const res = await callJson<{ deleted: boolean; scheduled: number; dueAt: string }>(
      `/admin/v1/contents/${c.key}`,
      { key: writer, method: "DELETE" },
    );
    expect(res).toMatchObject({ deleted: true, scheduled: 3 });
    expect(await kvNames(`m:${c.key}`)).toEqual([]);
    expect(await kvNames("it:metadata:gone|")).toEqual([]);
    expect(await kvNames("is:acme:gone|")).toEqual([]);
    expect((await call(`/v1/contents/${c.key}`, { key: reader })).status).toBe(404);
    expect((await call(`/v1/snippets/${c.ids.en?.[0]}`, { key: reader })).status).toBe(404);
    expect(await callJson(`/admin/v1/contents/${c.key}`, { key: writer, method: "DELETE" })).toEqual({
      deleted: false,
      scheduled: 0,
    });

    // through the worker's own scheduled export, as the cron calls it
    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ scheduledTime: Date.parse(res.dueAt) + 1 }),
      env as never,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    for (const s of c.snippets) expect(await env.SNIPPETS.get(kvKeys.snippet(s.id))).toBeNull();
    expect((await kvNames("g:")).filter((n) => n.includes(c.key))).toEqual([]);
  });

  it("drops the isolate's cached manifest when a commit or delete goes through it", async () => {
    const c = await buildContent({ contentId: "5009", texts: { en: ["x."] }, title: "Before" });
    await publish(c);
    const read = () => call(`/v1/contents/${c.key}`, { key: reader });
    expect(((await (await read()).json()) as { title: { en: string } }).title.en).toMatch(/^Before/);
    await publish(await buildContent({ contentId: "5009", texts: { en: ["x."] }, title: "After" }), 1);
    expect(((await (await read()).json()) as { title: { en: string } }).title.en).toMatch(/^After/);
    await callJson(`/admin/v1/contents/${c.key}`, { key: writer, method: "DELETE" });
    expect((await read()).status).toBe(404);
  });

  it("answers 409 to a delete whose expected version is stale", async () => {
    const c = await buildContent({ contentId: "5007", texts: { en: ["x."] } });
    await publish(c);
    const res = await call(`/admin/v1/contents/${c.key}`, {
      key: writer,
      method: "DELETE",
      body: { expectedVersion: 9 },
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { currentVersion: number }).currentVersion).toBe(1);
  });

  it("collects a big content's snippets across invocations, within each one's KV budget", async () => {
    const texts = Array.from({ length: 1200 }, (_, i) => `Paragraph ${i}.`);
    const c = await buildContent({ contentId: "5008", texts: { en: texts } });
    const put = await publish(c);
    expect(put.version).toBe(1);
    await callJson(`/admin/v1/contents/${c.key}`, { key: writer, method: "DELETE" });
    const later = Date.now() + GRACE_MS + 1000;
    const first = await gcAt(later);
    expect(first.deleted).toBeGreaterThan(0);
    expect(first.deleted).toBeLessThan(1000);
    expect(first.remaining).toBe(1);
    const second = await gcAt(later);
    // other tests of this file may have left due deletes too
    expect(first.deleted + second.deleted).toBeGreaterThanOrEqual(1200);
    expect(second.remaining).toBe(0);
    expect(
      (await env.SNIPPETS.list({ prefix: "s:" })).keys.filter((k) => c.ids.en?.includes(k.name.slice(2))),
    ).toEqual([]);
  }, 60_000);

  it("lets an admin key or the bootstrap secret run GC on demand", async () => {
    expect(await callJson("/admin/v1/gc", { key: writer, method: "POST" })).toEqual({
      deleted: expect.any(Number),
      remaining: expect.any(Number),
    });
    expect((await call("/admin/v1/gc", { key: ADMIN_SECRET, method: "POST" })).status).toBe(200);
  });
});

describe("API keys", () => {
  it("records a key's last use at most once per interval, beside its record", async () => {
    const key = await createKey({ name: "usage", audiences: ["*"] });
    const { keys } = await callJson<{ keys: { id: string; name: string; lastUsedAt?: string }[] }>(
      "/admin/v1/keys",
      { key: ADMIN_SECRET },
    );
    const id = keys.find((k) => k.name === "usage")?.id as string;
    expect(keys.find((k) => k.id === id)?.lastUsedAt).toBeUndefined();
    const c = await buildContent({ contentId: "5100", texts: { en: ["x."] } });
    await publish(c);
    const first = await call(`/v1/contents/${c.key}`, { key });
    expect(first.headers.get("x-lumasnip-kv-ops")).toBe("3"); // key lookup + last-used write + manifest
    const second = await call(`/v1/contents/${c.key}`, { key });
    expect(second.headers.get("x-lumasnip-kv-ops")).toBe("0"); // key and manifest from the isolate's caches
    const after = await callJson<{ keys: { id: string; lastUsedAt?: string }[] }>("/admin/v1/keys", {
      key: ADMIN_SECRET,
    });
    expect(after.keys.find((k) => k.id === id)?.lastUsedAt).toMatch(/Z$/);
  });

  it("creates keys with the bootstrap secret or an admin key, and a revoked key stops working at once in this isolate", async () => {
    const admin = await createKey({ name: "second admin", audiences: ["*"], scopes: ["admin"] });
    const made = await callJson<{ key: string; id: string; scopes: string[] }>(
      "/admin/v1/keys",
      {
        key: admin,
        method: "POST",
        body: { name: "made by admin", audiences: ["g"], scopes: ["read", "read"] },
      },
      201,
    );
    expect(made.scopes).toEqual(["read"]);
    const c = await buildContent({ contentId: "5101", texts: { en: ["x."] } });
    await publish(c);
    expect((await call(`/v1/contents/${c.key}`, { key: made.key })).status).toBe(200);
    expect(await callJson(`/admin/v1/keys/${made.id}`, { key: admin, method: "DELETE" })).toEqual({
      revoked: true,
    });
    expect((await call(`/v1/contents/${c.key}`, { key: made.key })).status).toBe(401);
    const listed = await callJson<{ keys: { id: string; revokedAt?: string }[] }>("/admin/v1/keys", {
      key: admin,
    });
    expect(listed.keys.find((k) => k.id === made.id)?.revokedAt).toMatch(/Z$/);
  });

  it("refuses a malformed key request", async () => {
    for (const body of [
      {},
      { name: "x", audiences: [], scopes: ["read"] },
      { name: "x", audiences: ["*"], scopes: ["root"] },
      { name: "", audiences: ["*"], scopes: ["read"] },
    ]) {
      expect((await call("/admin/v1/keys", { key: ADMIN_SECRET, method: "POST", body })).status).toBe(400);
    }
  });

  it("refuses a key name with control characters or bidi overrides, which `keys list` would print to a terminal", async () => {
    for (const name of [
      "\u0000\u202e",
      "ops\u001b[2Jkey",
      "tab\there",
      "next\u0085line",
      "invoice\u202Efdp.exe",
      "a\u2066b\u2069",
    ]) {
      const res = await call("/admin/v1/keys", {
        key: ADMIN_SECRET,
        method: "POST",
        body: { name, audiences: ["*"], scopes: ["read"] },
      });
      expect(res.status, JSON.stringify(name)).toBe(400);
    }
    const ok = await call("/admin/v1/keys", {
      key: ADMIN_SECRET,
      method: "POST",
      body: { name: "Équipe RH – lecture (שלום)", audiences: ["*"], scopes: ["read"] },
    });
    expect(ok.status).toBe(201);
  });
});
