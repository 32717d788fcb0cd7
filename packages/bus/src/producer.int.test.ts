import { DlqRecordSchema, SCHEMA_VERSION } from "@lumasnip/schema";
import { testKafka, uniqueName } from "@lumasnip/testkit";
import type { Kafka } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEventProducer } from "./producer.ts";

async function readAll(
  kafka: Kafka,
  topic: string,
  count: number,
): Promise<{ key: string; value: string }[]> {
  const consumer = kafka.consumer({ groupId: uniqueName("read") });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const out: { key: string; value: string }[] = [];
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        out.push({ key: String(message.key), value: String(message.value) });
        if (out.length >= count) resolve();
      },
    });
  });
  await consumer.disconnect();
  return out;
}

describe("createEventProducer", () => {
  const kafka = testKafka();
  const topic = uniqueName("events");
  const dlq = uniqueName("dlq");

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [topic, dlq].map((t) => ({
        topic: t,
        configEntries: [{ name: "max.message.bytes", value: String(16 * 1024 * 1024) }],
      })),
    });
    await admin.disconnect();
  });
  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic, dlq] }).catch(() => {});
    await admin.disconnect();
  });

  it("sends keyed values, a large one alone, and one over the limit to the DLQ as too_large", async () => {
    const producer = await createEventProducer(kafka, {
      dlqTopic: dlq,
      stage: "fetcher",
      maxMessageBytes: 1024 * 1024,
      aloneAboveBytes: 100 * 1024,
    });
    const result = await producer.send(topic, [
      { key: "s:1", value: { n: 1 } },
      { key: "s:2", value: { big: "x".repeat(200 * 1024) } },
      { key: "s:3", value: { huge: "y".repeat(2 * 1024 * 1024) } },
      { key: "s:4", value: { n: 4 } },
    ]);
    await producer.disconnect();
    expect(result).toEqual({ sent: 3, tooLarge: 1 });

    const got = await readAll(kafka, topic, 3);
    expect(got.map((m) => m.key).sort()).toEqual(["s:1", "s:2", "s:4"]);

    const [dead] = await readAll(kafka, dlq, 1);
    const record = DlqRecordSchema.parse(JSON.parse(dead!.value));
    expect(record).toMatchObject({
      schemaVersion: SCHEMA_VERSION,
      reason: "too_large",
      key: "s:3",
      stage: "fetcher",
    });
    expect(record.size!.bytes).toBeGreaterThan(record.size!.limit);
    expect(record.error).toMatch(/max.message.bytes/);
  });
});
