import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { type DlqRecord, SCHEMA_VERSION, topicNames } from "@lumasnip/schema";
import { repoRoot, testKafka, uniqueName } from "@lumasnip/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDlq, replayPositions } from "./dlq-reader.ts";

const record = (key: string, offset: string, partition = 0): DlqRecord => ({
  schemaVersion: SCHEMA_VERSION,
  kind: "dlq.record",
  sourceId: "s",
  producedAt: new Date(Date.now() + Number(offset)).toISOString(),
  stage: "snippetizer",
  reason: "invalid_event",
  error: "languages[0]: expected a BCP 47 tag",
  key,
  original: { topic: "", partition, offset },
});

describe("the DLQ reader, `pnpm dlq` and `pnpm reprocess`", () => {
  const kafka = testKafka();
  const prefix = uniqueName("dlqt");
  const topics = topicNames(prefix);
  const group = uniqueName("stage");

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: topics.dlq }, { topic: topics.content, numPartitions: 2 }],
    });
    await admin.setOffsets({
      groupId: group,
      topic: topics.content,
      partitions: [
        { partition: 0, offset: "10" },
        { partition: 1, offset: "10" },
      ],
    });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    const records = [record("s:1", "5"), record("s:2", "3"), record("s:3", "7", 1)].map((r) => ({
      ...r,
      original: { ...r.original!, topic: topics.content },
    }));
    await producer.send({
      topic: topics.dlq,
      messages: [
        ...records.map((r) => ({ key: r.key!, value: JSON.stringify(r) })),
        { key: "junk", value: "not json" },
      ],
    });
    await producer.disconnect();
  });

  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topics.dlq, topics.content] }).catch(() => {});
    await admin.deleteGroups([group]).catch(() => {});
    await admin.disconnect();
  });

  it("reads every valid record, oldest first, and finds the earliest parked offset per partition", async () => {
    const records = await readDlq(kafka, topics.dlq);
    expect(records.map((r) => r.key)).toEqual(["s:2", "s:1", "s:3"]);
    const positions = replayPositions(records).get(topics.content)!;
    expect([...positions]).toEqual([
      [0, 3n],
      [1, 7n],
    ]);
  });

  it("replays by moving the stopped stage's group back to those offsets", async () => {
    // the leading "--" is what `pnpm dlq -- replay ...` passes
    const run = spawnSync(
      process.execPath,
      [resolve(repoRoot, "scripts/dlq.ts"), "--", "replay", "--stage", "snippetizer", "--group", group],
      {
        env: { ...process.env, LUMASNIP_TOPIC_PREFIX: prefix },
        encoding: "utf8",
      },
    );
    expect(run.stderr).toMatch(/will re-read from the parked offsets/);
    expect(run.status).toBe(0);
    const admin = kafka.admin();
    await admin.connect();
    const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topics.content] });
    await admin.disconnect();
    expect(offsets!.partitions.sort((a, b) => a.partition - b.partition).map((p) => p.offset)).toEqual([
      "3",
      "7",
    ]);
  });

  it("reprocesses by moving the stopped stage's group to the start of its input", async () => {
    const run = spawnSync(
      process.execPath,
      [resolve(repoRoot, "scripts/reprocess.ts"), "--stage", "snippetizer", "--group", group],
      {
        env: { ...process.env, LUMASNIP_TOPIC_PREFIX: prefix },
        encoding: "utf8",
      },
    );
    expect(run.stderr).toMatch(/will re-read .*content.v1 from the beginning/);
    expect(run.status).toBe(0);
    const admin = kafka.admin();
    await admin.connect();
    const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topics.content] });
    await admin.disconnect();
    expect(offsets!.partitions.map((p) => p.offset)).toEqual(["0", "0"]);
  });

  it("refuses to move a group whose stage is still running, and says to stop it", async () => {
    const consumer = kafka.consumer({ groupId: group });
    await consumer.connect();
    await consumer.subscribe({ topic: topics.content });
    await consumer.run({ eachMessage: async () => {} });
    try {
      const run = spawnSync(
        process.execPath,
        [resolve(repoRoot, "scripts/dlq.ts"), "replay", "--stage", "snippetizer", "--group", group],
        {
          env: { ...process.env, LUMASNIP_TOPIC_PREFIX: prefix },
          encoding: "utf8",
        },
      );
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/Stop every snippetizer process first/);
      // nothing moved: no line may read as a done move
      expect(run.stdout).toBe("");
    } finally {
      await consumer.disconnect();
    }
  });

  it("refuses an unknown --stage or --reason as a usage error instead of listing nothing", () => {
    for (const args of [
      ["list", "--stage", "bogus"],
      ["list", "--reason", "too-large"],
      ["replay", "--stage", "fetcher"],
    ]) {
      const run = spawnSync(process.execPath, [resolve(repoRoot, "scripts/dlq.ts"), "--", ...args], {
        env: { ...process.env, LUMASNIP_TOPIC_PREFIX: prefix },
        encoding: "utf8",
      });
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`--${args[1]!.slice(2)}`));
      expect(run.stdout).toBe("");
    }
  });
});
