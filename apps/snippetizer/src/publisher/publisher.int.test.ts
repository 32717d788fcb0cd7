import { Secret } from "@lumasnip/auth";
import { type LocalEdge, startLocalEdge } from "@lumasnip/edge/local";
import {
  type DlqRecord,
  ensureTopics,
  kvKeys,
  type Manifest,
  type SnippetSet,
  topicNames,
} from "@lumasnip/schema";
import { createLogger } from "@lumasnip/service";
import { eventually, testKafka, uniqueName, withAdmin } from "@lumasnip/testkit";
import type { Consumer, Kafka, Producer } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EdgeAdminError } from "./errors.ts";
import {
  createEdgeAdmin,
  createPublisherMetrics,
  type EdgeAdmin,
  parsePublisherConfig,
  runPublisher,
} from "./index.ts";
import { buildSet, type SetSpec } from "./testing/sets.ts";

const GRACE_SECONDS = 2;

/** The real edge client with hooks a test can set: counts writes, interleaves a rival commit, breaks a key. */
function instrumented(real: EdgeAdmin) {
  const hooks = {
    written: new Map<string, string[]>(),
    beforeCommit: undefined as ((key: string) => Promise<void>) | undefined,
    failPuts: new Set<string>(),
    /** an outage: every call fails and the health check says so */
    down: false,
  };
  const edge: EdgeAdmin = {
    getManifest: (key) => real.getManifest(key),
    async putSnippets(key, snippets) {
      if (hooks.down) throw new EdgeAdminError("injected: the edge is down", { retryable: true });
      if (hooks.failPuts.has(key))
        throw new EdgeAdminError("injected: the edge keeps failing this content", {
          retryable: true,
          status: 503,
        });
      hooks.written.set(key, [...(hooks.written.get(key) ?? []), ...snippets.map((s) => s.id)]);
      await real.putSnippets(key, snippets);
    },
    async commit(key, body) {
      const hook = hooks.beforeCommit;
      hooks.beforeCommit = undefined;
      await hook?.(key);
      return real.commit(key, body);
    },
    deleteContent: (key) => real.deleteContent(key),
    healthy: async () => !hooks.down && (await real.healthy()),
  };
  return { edge, hooks };
}

describe("the publisher against a real broker and the worker served by Miniflare", () => {
  let edge: LocalEdge;
  let kafka: Kafka;
  let producer: Producer;
  let dlqConsumer: Consumer;
  const dlq: DlqRecord[] = [];
  let readKey: string;
  let direct: EdgeAdmin;
  let hooks: ReturnType<typeof instrumented>["hooks"];
  const metrics = createPublisherMetrics({ defaults: false });
  const abort = new AbortController();
  let running: Promise<void>;
  let opsUrl: string | undefined;
  const prefix = uniqueName("pub").replace(/[^a-zA-Z0-9._-]/g, "");
  const topics = topicNames(prefix);
  const groupId = uniqueName("lumasnip-edge-publisher");

  async function createKey(scopes: string[]): Promise<string> {
    const res = await fetch(`${edge.url}/admin/v1/keys`, {
      method: "POST",
      headers: { authorization: `Bearer ${edge.adminSecret}`, "content-type": "application/json" },
      body: JSON.stringify({ name: scopes.join("+"), audiences: ["*"], scopes }),
    });
    return ((await res.json()) as { key: string }).key;
  }

  async function send(key: string, value: unknown): Promise<void> {
    await producer.send({
      topic: topics.snippets,
      acks: -1,
      messages: [{ key, value: typeof value === "string" ? value : JSON.stringify(value) }],
    });
  }

  async function manifestOf(key: string): Promise<Manifest | null> {
    return (await edge.kv.get(kvKeys.manifest(key), "json")) as Manifest | null;
  }

  /** Waits until the edge holds this set (its content hash), then returns the manifest. */
  function published(set: SnippetSet): Promise<Manifest> {
    return eventually(
      async () => {
        const m = await manifestOf(set.key);
        return m?.contentHash === set.contentHash ? m : undefined;
      },
      { what: `the manifest of ${set.key}`, timeoutMs: 60_000 },
    );
  }

  beforeAll(async () => {
    edge = await startLocalEdge({
      vars: { STALE_GRACE_SECONDS: String(GRACE_SECONDS), ALLOW_SHORT_GRACE: "true" },
    });
    kafka = testKafka();
    await withAdmin(kafka, (admin) => ensureTopics(admin, { prefix, partitions: 2 }));
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    dlqConsumer = kafka.consumer({ groupId: uniqueName("dlq-reader") });
    await dlqConsumer.connect();
    await dlqConsumer.subscribe({ topic: topics.dlq, fromBeginning: true });
    await dlqConsumer.run({
      eachMessage: async ({ message }) =>
        void dlq.push(JSON.parse(message.value?.toString() ?? "{}") as DlqRecord),
    });

    readKey = await createKey(["read"]);
    const writeKey = await createKey(["write"]);
    const config = parsePublisherConfig({
      edgeUrl: edge.url,
      edgeKey: writeKey,
      topicPrefix: prefix,
      groupId,
      opsPort: 0,
      backoffInitialMs: 20,
      backoffMaxMs: 200,
      requestAttempts: 3,
      contentAttempts: 2,
      outageCheckMs: 100,
    });
    direct = createEdgeAdmin({ url: edge.url, key: new Secret(writeKey), timeoutMs: 10_000 });
    const wrapped = instrumented(direct);
    hooks = wrapped.hooks;
    let ready!: () => void;
    const joined = new Promise<void>((r) => (ready = r));
    running = runPublisher(config, {
      kafka: testKafka(),
      logger: createLogger({ name: "publisher-test", level: "silent" }),
      signal: abort.signal,
      metrics,
      edge: wrapped.edge,
      onReady: (info) => {
        opsUrl = info.opsUrl;
        ready();
      },
    });
    await Promise.race([joined, running]);
  });

  afterAll(async () => {
    abort.abort();
    await running?.catch(() => {});
    await dlqConsumer?.disconnect();
    await producer?.disconnect();
    await edge?.close();
    await withAdmin(kafka, (admin) => admin.deleteTopics({ topics: Object.values(topics) }).catch(() => {}));
  });

  const handbook: SetSpec = {
    contentId: "100",
    tags: ["metadata:handbook"],
    languages: {
      en: [
        { heading: "Intro", paragraphs: ["Welcome to the handbook.", "It changes often."] },
        { heading: "Leave", paragraphs: ["Ask your manager.", "Book it in the tool.", "Plan ahead."] },
        { heading: "Travel", paragraphs: ["Use the agency.", "Keep receipts."] },
      ],
      de: [{ heading: "Einleitung", paragraphs: ["Willkommen."] }],
    },
  };

  it("writes every snippet of a new content, then only the edited section's snippet when one paragraph changes", async () => {
    const v1 = await buildSet(handbook);
    await send(v1.key, v1);
    const m1 = await published(v1);
    expect(m1.version).toBe(1);
    expect(hooks.written.get(v1.key)).toHaveLength(8);

    const edited = structuredClone(handbook);
    const leaveSection = edited.languages.en?.[1];
    if (!leaveSection) throw new Error("fixture");
    leaveSection.paragraphs[1] = "Book it in the new tool.";
    const v2 = await buildSet({ ...edited, sourceVersion: 2, updatedAt: "2026-11-22T08:00:00.000Z" });
    hooks.written.set(v2.key, []);
    const savedBefore = (await metrics.writesSaved.get()).values[0]?.value ?? 0;
    await send(v2.key, v2);
    const m2 = await published(v2);
    expect(m2.version).toBe(2);

    const leave =
      v2.languages[0]?.snippets.filter((s) => s.headingPath[0] === "Leave").map((s) => s.id) ?? [];
    const written = hooks.written.get(v2.key) ?? [];
    expect(written).toHaveLength(1);
    expect(leave).toContain(written[0]);
    // the metric moves just after the commit the manifest shows
    await eventually(
      async () => ((await metrics.writesSaved.get()).values[0]?.value === savedBefore + 7 ? true : undefined),
      {
        what: "7 saved writes counted",
        timeoutMs: 5000,
      },
    );
    // the other snippets were not rewritten: KV still holds them as first written
    const untouched = (await edge.kv.get(
      kvKeys.snippet(v2.languages[0]?.snippets[0]?.id as string),
      "json",
    )) as { updatedAt: string };
    expect(untouched.updatedAt).toBe("2026-11-20T10:00:00.000Z");

    const res = await fetch(`${edge.url}/v1/contents/${v2.key}/snippets?lang=en`, {
      headers: { authorization: `Bearer ${readKey}` },
    });
    const body = (await res.json()) as { snippets: { text: string; ordinal: number; updatedAt: string }[] };
    expect(body.snippets.map((s) => s.text)).toEqual(v2.languages[0]?.snippets.map((s) => s.text));
    expect(body.snippets.every((s) => s.updatedAt === "2026-11-22T08:00:00.000Z")).toBe(true);
  });

  it("skips a set the edge already holds (same content hash): nothing is written", async () => {
    const set = await buildSet({ ...handbook, contentId: "101" });
    await send(set.key, set);
    await published(set);
    hooks.written.set(set.key, []);
    const skippedBefore =
      (await metrics.contents.get()).values.find((v) => v.labels.outcome === "skipped")?.value ?? 0;
    await send(set.key, { ...set, producedAt: new Date().toISOString() });
    await eventually(
      async () => {
        const now =
          (await metrics.contents.get()).values.find((v) => v.labels.outcome === "skipped")?.value ?? 0;
        return now > skippedBefore ? true : undefined;
      },
      { what: "the duplicate to be skipped" },
    );
    expect(hooks.written.get(set.key)).toEqual([]);
    expect((await manifestOf(set.key))?.version).toBe(1);
  });

  it("deletes a content: no key of it is left once the grace period and a cron run have passed", async () => {
    const set = await buildSet({ ...handbook, contentId: "102", siteId: "gone-site" });
    await send(set.key, set);
    await published(set);
    const ids = set.languages.flatMap((l) => l.snippets.map((s) => s.id));
    await send(set.key, {
      schemaVersion: 1,
      sourceId: "acme",
      producedAt: new Date().toISOString(),
      kind: "snippets.deleted",
      key: set.key,
      contentId: "102",
      reason: "deleted",
    });
    await eventually(async () => ((await manifestOf(set.key)) === null ? true : undefined), {
      what: "the manifest to go",
    });
    expect((await edge.kv.list({ prefix: "is:acme:gone-site|" })).keys).toEqual([]);
    await new Promise((r) => setTimeout(r, GRACE_SECONDS * 1000 + 200));
    await edge.scheduled();
    const left = await Promise.all(ids.map((id) => edge.kv.get(kvKeys.snippet(id))));
    expect(left.filter((v) => v !== null)).toEqual([]);
    expect((await edge.kv.list({ prefix: "g:" })).keys.filter((k) => k.name.includes(set.key))).toEqual([]);
  });

  it("re-reads the manifest and plans again when another commit got in first (409)", async () => {
    const v1 = await buildSet({ ...handbook, contentId: "103" });
    await send(v1.key, v1);
    await published(v1);
    const rival = await buildSet({
      ...handbook,
      contentId: "103",
      languages: { en: [{ heading: "Rival", paragraphs: ["Someone else wrote this."] }] },
    });
    hooks.beforeCommit = async (key) => {
      const current = await direct.getManifest(key);
      for (const l of rival.languages) await direct.putSnippets(key, l.snippets);
      const { languages, ...rest } = rival;
      await direct.commit(key, {
        expectedVersion: current?.version ?? null,
        manifest: {
          ...(rest as unknown as Manifest),
          updatedAt: rival.sourceUpdatedAt,
          languages: languages.map((l) => ({ lang: l.lang, snippetIds: l.snippets.map((s) => s.id) })),
        },
      });
    };
    const conflictsBefore = (await metrics.conflicts.get()).values[0]?.value ?? 0;
    const v2 = await buildSet({
      ...handbook,
      contentId: "103",
      sourceVersion: 2,
      languages: { en: [{ heading: "Intro", paragraphs: ["Rewritten."] }] },
    });
    await send(v2.key, v2);
    const m = await published(v2);
    expect(m.version).toBe(3);
    expect((await metrics.conflicts.get()).values[0]?.value).toBe(conflictsBefore + 1);
    expect(m.languages).toEqual([{ lang: "en", snippetIds: v2.languages[0]?.snippets.map((s) => s.id) }]);
    const stored = await edge.kv.get(kvKeys.snippet(v2.languages[0]?.snippets[0]?.id as string), "json");
    expect(stored).not.toBeNull();
  });

  it("sends a content the edge refuses, or that keeps failing while the edge is healthy, to the DLQ and goes on", async () => {
    const refused = await buildSet({
      contentId: "104",
      tags: Array.from({ length: 900 }, (_, i) => `metadata:t${i}`),
      languages: { en: [{ heading: "h", paragraphs: ["x."] }] },
    });
    const failing = await buildSet({
      contentId: "105",
      languages: { en: [{ heading: "h", paragraphs: ["y."] }] },
    });
    hooks.failPuts.add(failing.key);
    const after = await buildSet({
      contentId: "106",
      languages: { en: [{ heading: "h", paragraphs: ["z."] }] },
    });
    await send(refused.key, refused);
    await send(failing.key, failing);
    await send("acme:107", "{not json");
    await send(after.key, after);
    await published(after);
    const records = await eventually(
      () => {
        const mine = dlq.filter((r) => ["acme:104", "acme:105", "acme:107"].includes(r.key ?? ""));
        return mine.length === 3 ? mine : undefined;
      },
      { what: "three DLQ records" },
    );
    const byKey = Object.fromEntries(records.map((r) => [r.key, r]));
    expect(byKey["acme:104"]).toMatchObject({
      stage: "publisher",
      reason: "publish_failed",
      original: { topic: topics.snippets },
    });
    expect(byKey["acme:104"]?.error).toMatch(/413/);
    expect(byKey["acme:105"]).toMatchObject({ reason: "publish_failed" });
    expect(byKey["acme:107"]).toMatchObject({ reason: "invalid_event" });
    expect(byKey["acme:105"]?.replay).toMatch(/--reset-offsets --to-offset \d+/);
    expect(await manifestOf(refused.key)).toBeNull();
    hooks.failPuts.delete(failing.key);
  });

  it("waits out an edge outage instead of sending contents to the DLQ", async () => {
    const set = await buildSet({
      contentId: "108",
      languages: { en: [{ heading: "h", paragraphs: ["During the outage."] }] },
    });
    hooks.down = true;
    const dlqBefore = dlq.length;
    await send(set.key, set);
    await eventually(async () => ((await metrics.edgeUp.get()).values[0]?.value === 0 ? true : undefined), {
      what: "the outage to be seen",
    });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await manifestOf(set.key)).toBeNull();
    hooks.down = false;
    await published(set);
    expect(dlq.slice(dlqBefore).filter((r) => r.key === set.key)).toEqual([]);
    // the gauge is set just after the commit that made the manifest visible: wait for it, don't race it
    await eventually(async () => ((await metrics.edgeUp.get()).values[0]?.value === 1 ? true : undefined), {
      what: "the edge to be seen up again",
    });
  });

  // found by the break-it review: a consumer heartbeat that failed while a content waited out an
  // outage (a rebalance, the broker down) was taken for the content's failure: parked in the DLQ
  // and committed, so the edge never got it
  it("does not park a content in the DLQ when a rebalance interrupts it", async () => {
    const set = await buildSet({
      contentId: "109",
      languages: { en: [{ heading: "h", paragraphs: ["Through a rebalance."] }] },
    });
    hooks.down = true;
    const dlqBefore = dlq.length;
    await send(set.key, set);
    await eventually(async () => ((await metrics.edgeUp.get()).values[0]?.value === 0 ? true : undefined), {
      what: "the outage to be seen",
    });
    // a second member joins the publisher's group: the group rebalances under the waiting content
    const rival = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500 });
    await rival.connect();
    await rival.subscribe({ topic: topics.snippets, fromBeginning: true });
    let rivalJoined = false;
    rival.on(rival.events.GROUP_JOIN, () => {
      rivalJoined = true;
    });
    // it takes nothing in hand: it pauses what it is given and never commits
    await rival.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition }) => {
        rival.pause([{ topic, partitions: [partition] }]);
        throw new Error("the rival does not consume");
      },
    });
    try {
      await eventually(async () => (rivalJoined ? true : undefined), {
        what: "the rival to join",
        timeoutMs: 90_000,
      });
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      await rival.disconnect();
    }
    hooks.down = false;
    const parked = () => dlq.slice(dlqBefore).filter((r) => r.key === set.key);
    await eventually(
      async () =>
        parked().length > 0 || (await manifestOf(set.key))?.contentHash === set.contentHash
          ? true
          : undefined,
      { what: `${set.key} published or parked`, timeoutMs: 90_000 },
    );
    expect(parked().map((r) => r.error)).toEqual([]);
    await published(set);
    await eventually(async () => ((await metrics.edgeUp.get()).values[0]?.value === 1 ? true : undefined), {
      what: "the edge to be seen up again",
    });
  }, 240_000);

  it("serves health and metrics on its ops port", async () => {
    expect(((await metrics.snippetsWritten.get()).values[0]?.value ?? 0) > 0).toBe(true);
    const health = await fetch(`${opsUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, consumer: "running", edge: "up" });
    const text = await (await fetch(`${opsUrl}/metrics`)).text();
    expect(text).toMatch(/lumasnip_publisher_kv_writes_saved_total/);
    expect(text).toMatch(/lumasnip_publisher_consumer_lag\{partition="\d"/);
  });
});
