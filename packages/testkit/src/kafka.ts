import { randomBytes } from "node:crypto";
import { type Admin, Kafka, logLevel } from "kafkajs";

/** Brokers of the test run (set by the root `pnpm test` wrapper). */
export function testBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error("KAFKA_BROKERS is not set: run tests through the root `pnpm test`");
  return brokers.split(",").map((b) => b.trim());
}

/** A name no other test (or earlier run) uses: each test gets its own topics and groups. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
}

export function testKafka(clientId = uniqueName("test")): Kafka {
  return new Kafka({
    clientId,
    brokers: testBrokers(),
    logLevel: logLevel.NOTHING,
    // generous: a topic created a moment ago may not have its leader known to every client yet,
    // and CI machines are loaded (NOT_LEADER retries must outlast a metadata refresh)
    retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 5000 },
  });
}

/** Waits until the cluster answers a metadata request. */
export async function waitForKafka(brokers: string[], timeoutMs = 60_000): Promise<void> {
  const kafka = new Kafka({
    clientId: "ready-check",
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries: 0 },
  });
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      const { brokers: live } = await admin.describeCluster();
      if (live.length > 0) return;
    } catch (error) {
      last = error;
    } finally {
      await admin.disconnect().catch(() => {});
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Kafka not ready on ${brokers.join(",")} after ${timeoutMs} ms: ${String(last)}`);
}

/** Runs `use` with a connected admin client, disconnected afterwards whatever happens. */
export async function withAdmin<T>(kafka: Kafka, use: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Messages in a topic (sum of high watermarks minus low: what a new reader would see, before compaction). */
export async function topicSize(kafka: Kafka, topic: string): Promise<number> {
  const offsets = await withAdmin(kafka, (admin) => admin.fetchTopicOffsets(topic));
  return offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
}

export interface TopicMessage {
  key: string | undefined;
  value: string | undefined;
  partition: number;
  offset: string;
}

/** Every message of a topic, from the beginning to its current end, as text, by partition and offset. */
export async function readTopic(kafka: Kafka, topic: string, timeoutMs = 60_000): Promise<TopicMessage[]> {
  const offsets = await withAdmin(kafka, (admin) => admin.fetchTopicOffsets(topic));
  const ends = new Map(offsets.filter((p) => p.high !== p.low).map((p) => [p.partition, Number(p.high) - 1]));
  if (ends.size === 0) return [];
  const out: TopicMessage[] = [];
  const reached = new Set<number>();
  const consumer = kafka.consumer({
    groupId: uniqueName("test-reader"),
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
