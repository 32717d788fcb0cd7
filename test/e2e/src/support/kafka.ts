import { randomBytes } from "node:crypto";
import type { Kafka } from "kafkajs";

export interface TopicMessage {
  key: string | undefined;
  value: string | undefined;
  partition: number;
  offset: string;
}

/** Messages a consumer group has not committed yet (everything when it has committed nothing). */
export async function groupLag(kafka: Kafka, groupId: string, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    let lag = 0;
    for (const p of ends) {
      const c = committed?.partitions.find((x) => x.partition === p.partition)?.offset ?? "-1";
      lag += Number(p.high) - (Number(c) < 0 ? Number(p.low) : Number(c));
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}

/** Every message of a topic, from the beginning to its current end. */
export async function readTopic(kafka: Kafka, topic: string, timeoutMs = 60_000): Promise<TopicMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const ends = new Map(offsets.filter((p) => p.high !== p.low).map((p) => [p.partition, Number(p.high) - 1]));
  if (ends.size === 0) return [];
  const out: TopicMessage[] = [];
  const reached = new Set<number>();
  const consumer = kafka.consumer({
    groupId: `e2e-reader-${randomBytes(6).toString("hex")}`,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    const done = new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`reading ${topic} timed out`)), timeoutMs);
      void consumer.run({
        eachBatch: async ({ batch }) => {
          const end = ends.get(batch.partition);
          for (const m of batch.messages) {
            if (end === undefined || Number(m.offset) > end) continue;
            out.push({
              key: m.key?.toString(),
              value: m.value?.toString(),
              partition: batch.partition,
              offset: m.offset,
            });
            if (Number(m.offset) >= end) reached.add(batch.partition);
          }
          if (reached.size === ends.size) resolve();
        },
      });
    });
    await done;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  return out.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
}

/** Writes a message as is (an invalid event is the point of some tests); resolves where it landed. */
export async function produceRaw(
  kafka: Kafka,
  topic: string,
  key: string,
  value: string,
): Promise<{ partition: number; offset: string }> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const [meta] = await producer.send({ topic, acks: -1, messages: [{ key, value }] });
    return { partition: meta!.partition, offset: meta!.baseOffset! };
  } finally {
    await producer.disconnect();
  }
}
