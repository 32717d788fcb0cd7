import { randomBytes } from "node:crypto";
import type { Kafka } from "kafkajs";

export interface ReadMessage {
  key: string | undefined;
  value: unknown;
  partition: number;
  offset: string;
}

/** Every message of a topic, from the beginning to its current end. */
export async function readTopic(kafka: Kafka, topic: string, timeoutMs = 60_000): Promise<ReadMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const ends = new Map(offsets.filter((p) => p.high !== p.low).map((p) => [p.partition, Number(p.high) - 1]));
  if (ends.size === 0) return [];
  const out: ReadMessage[] = [];
  const reached = new Set<number>();
  const consumer = kafka.consumer({
    groupId: `test-reader-${randomBytes(6).toString("hex")}`,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let finish!: () => void;
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          const end = ends.get(batch.partition);
          if (end === undefined || Number(m.offset) > end) continue;
          out.push({
            key: m.key?.toString(),
            value: m.value ? JSON.parse(m.value.toString()) : null,
            partition: batch.partition,
            offset: m.offset,
          });
          if (Number(m.offset) >= end) reached.add(batch.partition);
        }
        if (reached.size === ends.size) finish();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      done,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`reading ${topic} timed out`)), timeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
  } finally {
    await consumer.disconnect();
  }
  return out.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
}
