import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { type LocalEdge, startLocalEdge } from "@lumasnip/edge/local";
import { ensureTopics, kvKeys, type SnippetSet, topicNames } from "@lumasnip/schema";
import { createLogger } from "@lumasnip/service";
import { eventually, runProcess, testKafka, topicSize, uniqueName, withAdmin } from "@lumasnip/testkit";
import type { Producer } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EdgeKeyRefusedError, parsePublisherConfig, runPublisher } from "./index.ts";
import { buildSet } from "./testing/sets.ts";

const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));
const REFUSED = (status: string) =>
  `the edge refused the publisher's key (${status}): check PUBLISHER_EDGE_KEY — it needs the write scope and must not be revoked`;

interface LogLine {
  level: string;
  msg: string;
}
const problems = (lines: LogLine[]) =>
  lines.filter((l) => l.level === "error" || l.level === "fatal").map((l) => l.msg);

/** A 401/403 from the admin API is the process's fault, not a content's: no DLQ, no commit, a stop. */
describe("a publisher whose key the edge refuses", () => {
  let edge: LocalEdge;
  const kafka = testKafka();
  let producer: Producer;
  // one partition: "not advanced" is one offset to compare
  const prefix = uniqueName("pubkey").replace(/[^a-zA-Z0-9._-]/g, "");
  const topics = topicNames(prefix);

  async function createKey(scopes: string[]): Promise<{ key: string; id: string }> {
    const res = await fetch(`${edge.url}/admin/v1/keys`, {
      method: "POST",
      headers: { authorization: `Bearer ${edge.adminSecret}`, "content-type": "application/json" },
      body: JSON.stringify({ name: `publisher ${scopes.join("+")}`, audiences: ["*"], scopes }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { key: string; id: string };
  }

  /** Sends a set and returns its offset. */
  async function send(set: SnippetSet): Promise<string> {
    const [meta] = await producer.send({
      topic: topics.snippets,
      acks: -1,
      messages: [{ key: set.key, value: JSON.stringify(set) }],
    });
    return meta?.baseOffset as string;
  }

  const dlqRecords = () => topicSize(kafka, topics.dlq);

  /** The group's committed offset on the snippet topic's only partition ("-1": none). */
  async function committed(groupId: string): Promise<string> {
    const [topic] = await withAdmin(kafka, (admin) =>
      admin.fetchOffsets({ groupId, topics: [topics.snippets] }),
    );
    return topic?.partitions[0]?.offset ?? "-1";
  }

  const manifestOf = (key: string) => edge.kv.get(kvKeys.manifest(key), "json");
  const set = (contentId: string) =>
    buildSet({ contentId, languages: { en: [{ heading: "h", paragraphs: [`Content ${contentId}.`] }] } });

  beforeAll(async () => {
    edge = await startLocalEdge();
    await withAdmin(kafka, (admin) => ensureTopics(admin, { prefix, partitions: 1 }));
    producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await edge?.close();
    await withAdmin(kafka, (admin) => admin.deleteTopics({ topics: Object.values(topics) }).catch(() => {}));
  });

  it("exits 1 at start with one clear log line when its key has only the read scope (403), touching neither the DLQ nor the offsets", async () => {
    const waiting = await set("300");
    await send(waiting);
    const { key } = await createKey(["read"]);
    const groupId = uniqueName("pub-read-key");
    // bounded: the defect this guards against is a publisher that keeps running
    const { code, output: out } = await runProcess(process.execPath, [MAIN, "publish"], {
      env: {
        LOG_LEVEL: "info",
        LUMASNIP_TOPIC_PREFIX: prefix,
        PUBLISHER_EDGE_URL: edge.url,
        PUBLISHER_EDGE_KEY: key,
        PUBLISHER_GROUP_ID: groupId,
        PUBLISHER_OPS_PORT: "off",
      },
      timeoutMs: 60_000,
    });

    expect(code, out).toBe(1);
    const lines = out
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as LogLine);
    expect(problems(lines)).toEqual([REFUSED("403 forbidden")]);
    expect(out).not.toContain(key);
    expect(await dlqRecords()).toBe(0);
    expect(await committed(groupId)).toBe("-1");
    expect(await manifestOf(waiting.key)).toBeNull();
  });

  it("stops when its key is revoked while it runs: the content it was on is neither parked nor committed", async () => {
    const { key, id } = await createKey(["write"]);
    const groupId = uniqueName("pub-revoked-key");
    const lines: LogLine[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const l of chunk.toString().split("\n")) if (l) lines.push(JSON.parse(l) as LogLine);
        done();
      },
    });
    const abort = new AbortController();
    let joined!: () => void;
    const ready = new Promise<void>((r) => (joined = r));
    const running = runPublisher(
      parsePublisherConfig({
        edgeUrl: edge.url,
        edgeKey: key,
        topicPrefix: prefix,
        groupId,
        opsPort: null,
        backoffInitialMs: 20,
        backoffMaxMs: 200,
        requestAttempts: 3,
        contentAttempts: 2,
      }),
      {
        kafka: testKafka(),
        logger: createLogger({ name: "publisher-test", level: "info", destination }),
        signal: abort.signal,
        onReady: () => joined(),
      },
    );
    const settled = running.then(
      () => "resolved" as const,
      (error: unknown) => error,
    );
    try {
      await Promise.race([ready, settled]);
      const first = await set("301");
      const firstOffset = await send(first);
      await eventually(async () => ((await manifestOf(first.key)) ? true : undefined), {
        what: "the first content at the edge",
        timeoutMs: 60_000,
      });
      const afterFirst = String(BigInt(firstOffset) + 1n);
      await eventually(async () => ((await committed(groupId)) === afterFirst ? true : undefined), {
        what: "the first content committed",
      });

      const revoked = await fetch(`${edge.url}/admin/v1/keys/${id}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${edge.adminSecret}` },
      });
      expect(revoked.status).toBe(200);
      const second = await set("302");
      const secondOffset = await send(second);

      const outcome = await Promise.race([
        settled,
        new Promise((r) => setTimeout(() => r("still running after 60 s"), 60_000)),
      ]);
      expect(outcome).toBeInstanceOf(EdgeKeyRefusedError);
      expect(problems(lines)).toEqual([REFUSED("401 unauthorized")]);
      expect(await dlqRecords()).toBe(0);
      expect(await committed(groupId)).toBe(secondOffset);
      expect(await manifestOf(second.key)).toBeNull();
    } finally {
      abort.abort();
      await settled;
    }
  });
});
