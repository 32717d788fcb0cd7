import { testKafka, uniqueName } from "@lumasnip/testkit";
import type { Consumer, Kafka } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Proves the harness: a real broker, keyed messages, a consumer group that commits and resumes.
describe("a real Kafka round trip", () => {
  let kafka: Kafka;
  const topic = uniqueName("roundtrip");
  const groupId = uniqueName("group");

  beforeAll(async () => {
    kafka = testKafka();
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    await admin.disconnect();
  });

  afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin.deleteGroups([groupId]).catch(() => {});
    await admin.disconnect();
  });

  async function consume(count: number): Promise<{ consumer: Consumer; seen: string[] }> {
    const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen: string[] = [];
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            seen.push(`${message.key?.toString()}=${message.value?.toString()}`);
            await consumer.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);
            if (seen.length === count) resolve();
          },
        })
        .catch(reject);
    });
    return { consumer, seen };
  }

  it("consumes keyed messages in order per key and resumes at the committed offset after a restart", async () => {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const first = ["a", "b", "c"].flatMap((k) => [1, 2].map((n) => ({ key: k, value: `${k}${n}` })));
    await producer.send({ topic, acks: -1, messages: first });

    const one = await consume(first.length);
    await one.consumer.disconnect();
    expect(one.seen.sort()).toEqual(first.map((m) => `${m.key}=${m.value}`).sort());
    for (const k of ["a", "b", "c"]) {
      expect(one.seen.filter((s) => s.startsWith(`${k}=`))).toEqual([`${k}=${k}1`, `${k}=${k}2`]);
    }

    await producer.send({
      topic,
      acks: -1,
      messages: [
        { key: "a", value: "a3" },
        { key: "d", value: "d1" },
      ],
    });
    await producer.disconnect();

    const two = await consume(2);
    await two.consumer.disconnect();
    expect(two.seen.sort()).toEqual(["a=a3", "d=d1"]);
  });
});
