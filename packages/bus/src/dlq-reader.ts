import { type DlqRecord, DlqRecordSchema } from "@lumasnip/schema";
import type { Kafka } from "kafkajs";

/** Reads every record of the DLQ topic (up to its current end) without committing anything. */
export async function readDlq(kafka: Kafka, topic: string): Promise<DlqRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const pending = new Map(ends.filter((p) => p.high !== p.low).map((p) => [p.partition, BigInt(p.high)]));
  const out: DlqRecord[] = [];
  if (pending.size === 0) return out;
  // a throw-away group that never commits: reading the DLQ changes nothing
  const groupId = `lumasnip-dlq-reader-${process.pid}-${Date.now()}`;
  const consumer = kafka.consumer({ groupId });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          let json: unknown;
          try {
            json = JSON.parse(String(message.value));
          } catch {
            json = undefined;
          }
          const parsed = DlqRecordSchema.safeParse(json);
          if (parsed.success) out.push(parsed.data);
          if (BigInt(message.offset) + 1n >= (pending.get(partition) ?? 0n)) pending.delete(partition);
          if (pending.size === 0) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  const admin2 = kafka.admin();
  await admin2.connect();
  await admin2.deleteGroups([groupId]).catch(() => {});
  await admin2.disconnect();
  return out.sort((a, b) => a.producedAt.localeCompare(b.producedAt));
}

/** The earliest parked offset per (topic, partition): where a replay must restart. */
export function replayPositions(records: DlqRecord[]): Map<string, Map<number, bigint>> {
  const out = new Map<string, Map<number, bigint>>();
  for (const r of records) {
    if (!r.original) continue;
    const parts = out.get(r.original.topic) ?? new Map<number, bigint>();
    const offset = BigInt(r.original.offset);
    const prev = parts.get(r.original.partition);
    if (prev === undefined || offset < prev) parts.set(r.original.partition, offset);
    out.set(r.original.topic, parts);
  }
  return out;
}
