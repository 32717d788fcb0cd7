import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  type ContentUpserted,
  type DlqRecord,
  ensureTopics,
  type SnippetEvent,
  SnippetEventSchema,
  topicNames,
} from "@lumasnip/schema";
import { exampleContentDeleted, exampleContentUpserted } from "@lumasnip/schema/examples";
import { createLogger } from "@lumasnip/service";
import { eventually, testBrokers, testKafka, uniqueName } from "@lumasnip/testkit";
import type { Consumer, Kafka, Producer } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StageConfig, stageConfigFromEnv } from "../config.ts";
import { createStageMetrics } from "./metrics.ts";
import { runSnippetizer } from "./run-stage.ts";

const logger = createLogger({ name: "snippetizer-test", level: "silent" });

function upsert(id: string, html: string, over: Partial<ContentUpserted["content"]> = {}): ContentUpserted {
  const e = structuredClone(exampleContentUpserted);
  e.key = `acme:${id}`;
  e.content = {
    ...e.content,
    id,
    languages: ["en"],
    template: { components: [{ type: "widget", widgetType: "html", properties: { content: { en: html } } }] },
    ...over,
  };
  return e;
}

/** Own topics (a prefix per test), a producer of content events and a reader of everything produced. */
async function world(kafka: Kafka) {
  const prefix = uniqueName("snip").replace(/[^a-zA-Z0-9._-]/g, "");
  const topics = topicNames(prefix);
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, { prefix, partitions: 3 });
  await admin.disconnect();
  const producer: Producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const out: { topic: string; key: string; value: SnippetEvent | DlqRecord }[] = [];
  const reader: Consumer = kafka.consumer({
    groupId: uniqueName("reader"),
    sessionTimeout: 10_000,
    heartbeatInterval: 1000,
  });
  await reader.connect();
  await reader.subscribe({ topics: [topics.snippets, topics.dlq], fromBeginning: true });
  await reader.run({
    eachMessage: async ({ topic, message }) => {
      const value = JSON.parse(message.value!.toString());
      out.push({
        topic,
        key: message.key!.toString(),
        value: topic === topics.snippets ? SnippetEventSchema.parse(value) : value,
      });
    },
  });
  const groupId = uniqueName("group");
  const config: StageConfig = {
    ...stageConfigFromEnv({ LUMASNIP_TOPIC_PREFIX: prefix, SNIPPETIZER_OPS_PORT: "off" }),
    groupId,
  };
  const send = (events: unknown[], raw = false) =>
    producer.send({
      topic: topics.content,
      acks: -1,
      messages: events.map((e) => ({
        key: (e as { key: string }).key,
        value: raw ? String((e as { value: string }).value) : JSON.stringify(e),
      })),
    });
  const sets = () => out.filter((o) => o.topic === topics.snippets).map((o) => o.value as SnippetEvent);
  const dlq = () => out.filter((o) => o.topic === topics.dlq).map((o) => o.value as DlqRecord);
  function start(over: Partial<StageConfig> = {}) {
    const abort = new AbortController();
    let opsUrl: string | undefined;
    let ready = false;
    const done = runSnippetizer(
      { ...config, ...over },
      {
        kafka,
        logger,
        signal: abort.signal,
        metrics: createStageMetrics({ defaults: false }),
        onReady: (i) => {
          opsUrl = i.opsUrl;
          ready = true;
        },
      },
    );
    done.catch(() => {});
    return {
      abort,
      done,
      ready: () => eventually(() => (ready ? true : undefined), { what: "the consumer joined" }),
      opsUrl: () => opsUrl,
    };
  }
  async function committed(): Promise<number> {
    const a = kafka.admin();
    await a.connect();
    const [t] = await a.fetchOffsets({ groupId, topics: [topics.content] });
    await a.disconnect();
    return t!.partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
  }
  async function close() {
    await Promise.allSettled([producer.disconnect(), reader.disconnect()]);
    const a = kafka.admin();
    await a.connect();
    await a.deleteTopics({ topics: Object.values(topics) }).catch(() => {});
    await a.disconnect();
  }
  return { prefix, topics, groupId, config, send, sets, dlq, start, committed, close };
}

describe("the snippetizer stage against a real broker", () => {
  let kafka: Kafka;
  const worlds: Awaited<ReturnType<typeof world>>[] = [];
  const open = async () => {
    const w = await world(kafka);
    worlds.push(w);
    return w;
  };

  beforeAll(() => {
    kafka = testKafka();
  });
  afterAll(async () => {
    for (const w of worlds) await w.close();
  });

  it("produces a set per upserted content and a deletion per deleted one, keyed by content key, then commits", async () => {
    const w = await open();
    const deleted = { ...exampleContentDeleted, key: "acme:3", contentId: "3" };
    await w.send([
      upsert("1", "<h2>One</h2><p>First content.</p>"),
      upsert("2", "<p>Second content.</p>"),
      deleted,
    ]);
    const stage = w.start();
    const sets = await eventually(() => (w.sets().length >= 3 ? w.sets() : undefined), { what: "3 outputs" });
    expect(sets.map((s) => [s.key, s.kind]).sort()).toEqual([
      ["acme:1", "snippets.upserted"],
      ["acme:2", "snippets.upserted"],
      ["acme:3", "snippets.deleted"],
    ]);
    const one = sets.find((s) => s.key === "acme:1");
    expect(
      one?.kind === "snippets.upserted" && one.languages[0]!.snippets.map((s) => [s.headingPath, s.text]),
    ).toEqual([[["One"], "First content."]]);
    await eventually(async () => ((await w.committed()) === 3 ? true : undefined), {
      what: "offsets committed",
    });
    stage.abort.abort();
    await stage.done;
  });

  it("skips a redelivered unchanged content and produces again when it changes", async () => {
    const w = await open();
    const v1 = upsert("7", "<p>Version one.</p>");
    await w.send([v1, v1]);
    const stage = w.start();
    await eventually(async () => ((await w.committed()) === 2 ? true : undefined), { what: "both read" });
    await w.send([v1, upsert("7", "<p>Version two.</p>", { version: 5 })]);
    await eventually(async () => ((await w.committed()) === 4 ? true : undefined), { what: "all read" });
    await eventually(() => (w.sets().length >= 2 ? true : undefined));
    const texts = w
      .sets()
      .map((s) => (s.kind === "snippets.upserted" ? s.languages[0]!.snippets[0]!.text : s.kind));
    expect(texts).toEqual(["Version one.", "Version two."]);
    stage.abort.abort();
    await stage.done;
  });

  it("sends a poison message to the DLQ with its reason and position, and goes on", async () => {
    const w = await open();
    await w.send([{ key: "acme:9", value: "{ not json" }], true);
    await w.send([upsert("9", "<p>After the poison.</p>")]);
    const stage = w.start();
    const [record] = await eventually(() => (w.dlq().length >= 1 ? w.dlq() : undefined), {
      what: "a DLQ record",
    });
    expect(record).toMatchObject({
      stage: "snippetizer",
      reason: "invalid_event",
      key: "acme:9",
      original: { topic: w.topics.content, offset: "0" },
      payload: "{ not json",
    });
    expect(record!.error).toMatch(/not JSON/);
    expect(record!.replay).toMatch(/--reset-offsets --to-offset 0/);
    await eventually(() => (w.sets().some((s) => s.key === "acme:9") ? true : undefined), {
      what: "the next content",
    });
    stage.abort.abort();
    await stage.done;
  });

  it("sends a set over the message limit to the DLQ as too_large, with its size", async () => {
    const w = await open();
    const big = Array.from(
      { length: 1500 },
      (_, i) => `<p>Paragraph ${i} of a very long page that will not fit.</p>`,
    ).join("");
    await w.send([upsert("11", big), upsert("12", "<p>Small.</p>")]);
    const stage = w.start({ maxMessageBytes: 64 * 1024 });
    const [record] = await eventually(() => (w.dlq().length >= 1 ? w.dlq() : undefined), {
      what: "too_large",
    });
    expect(record).toMatchObject({ reason: "too_large", key: "acme:11", size: { limit: 48 * 1024 } });
    expect(record!.size!.bytes).toBeGreaterThan(64 * 1024);
    await eventually(() => (w.sets().some((s) => s.key === "acme:12") ? true : undefined), {
      what: "the small one",
    });
    expect(w.sets().some((s) => s.key === "acme:11")).toBe(false);
    stage.abort.abort();
    await stage.done;
  });

  it("drains on stop (the batch in hand is sent and committed), and a restart goes on without repeating any", async () => {
    const w = await open();
    const n = 150;
    await w.send(
      Array.from({ length: n }, (_, i) =>
        upsert(`d${i}`, `<p>Content number ${i}.</p><p>${"More text. ".repeat(40)}</p>`),
      ),
    );
    const first = w.start({ sendBatchMessages: 5 });
    await eventually(() => (w.sets().length >= 20 ? true : undefined), { what: "some output" });
    first.abort.abort();
    await first.done;
    // everything produced was committed, nothing committed is missing (the reader may trail a little)
    const afterStop = await eventually(
      async () => {
        const c = await w.committed();
        return c > 0 && c === w.sets().length ? c : undefined;
      },
      { what: "commits match output" },
    );
    expect(afterStop).toBeLessThan(n);
    const second = w.start({ sendBatchMessages: 5 });
    await eventually(() => (w.sets().length >= n ? true : undefined), {
      what: "all output",
      timeoutMs: 60_000,
    });
    await new Promise((r) => setTimeout(r, 1000));
    const keys = w.sets().map((s) => s.key);
    expect(keys.length).toBe(n);
    expect(new Set(keys).size).toBe(n);
    second.abort.abort();
    await second.done;
  });

  it("re-emits identical sets when a restarted stage re-reads the topic, so consumers can skip them by hash", async () => {
    const w = await open();
    await w.send([upsert("21", "<p>Same every time.</p>")]);
    const first = w.start();
    await eventually(() => (w.sets().length === 1 ? true : undefined));
    first.abort.abort();
    await first.done;
    const admin = kafka.admin();
    await admin.connect();
    await admin.resetOffsets({ groupId: w.groupId, topic: w.topics.content, earliest: true });
    await admin.disconnect();
    const second = w.start();
    await eventually(() => (w.sets().length === 2 ? true : undefined), { what: "the re-emitted set" });
    const [a, b] = w.sets() as [SnippetEvent, SnippetEvent];
    expect(
      a.kind === "snippets.upserted" && b.kind === "snippets.upserted" && a.contentHash === b.contentHash,
    ).toBe(true);
    second.abort.abort();
    await second.done;
  });

  it("serves /healthz and Prometheus /metrics while running", async () => {
    const w = await open();
    await w.send([upsert("31", "<p>Counted.</p>")]);
    const stage = w.start({ opsPort: 0 });
    await stage.ready();
    await eventually(() => (w.sets().length === 1 ? true : undefined));
    const health = await fetch(`${stage.opsUrl()}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, consumer: "running" });
    const metrics = await (await fetch(`${stage.opsUrl()}/metrics`)).text();
    expect(metrics).toMatch(/lumasnip_snippetizer_sets_total\{service="snippetizer"\} 1/);
    expect(metrics).toMatch(/lumasnip_snippetizer_consumer_lag/);
    stage.abort.abort();
    await stage.done;
  });

  it("runs as `main.ts run`, and exits 0 after draining on SIGTERM", async () => {
    const w = await open();
    await w.send([upsert("41", "<p>From the process.</p>")]);
    const main = fileURLToPath(new URL("../main.ts", import.meta.url));
    const child = spawn(process.execPath, [main, "run"], {
      env: {
        ...process.env,
        KAFKA_BROKERS: testBrokers().join(","),
        LUMASNIP_TOPIC_PREFIX: w.prefix,
        SNIPPETIZER_GROUP_ID: w.groupId,
        SNIPPETIZER_OPS_PORT: "0",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let logs = "";
    child.stdout.on("data", (d) => (logs += d));
    child.stderr.on("data", (d) => (logs += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await eventually(() => (w.sets().some((s) => s.key === "acme:41") ? true : undefined), {
      what: "the process's output",
      timeoutMs: 60_000,
    });
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(logs).toMatch(/"msg":"snippetizer stopped"/);
  });

  it("exits 2 naming the variable when the configuration is bad", async () => {
    const main = fileURLToPath(new URL("../main.ts", import.meta.url));
    const child = spawn(process.execPath, [main, "run"], {
      env: { ...process.env, KAFKA_BROKERS: testBrokers().join(","), SNIPPETIZER_CONCURRENCY: "many" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(2);
    expect(err).toMatch(/SNIPPETIZER_CONCURRENCY/);
  });
});
