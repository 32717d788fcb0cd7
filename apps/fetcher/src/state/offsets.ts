import type { Kafka } from "kafkajs";

/**
 * A topic's offsets per partition. A topic created a moment ago may not have its leaders known
 * yet ("not the leader for that topic-partition"): retriable errors are retried a few times.
 */
export async function topicOffsets(
  kafka: Kafka,
  topic: string,
): Promise<{ partition: number; high: string; low: string }[]> {
  for (let attempt = 1; ; attempt++) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      return await admin.fetchTopicOffsets(topic);
    } catch (error) {
      if (!(error as { retriable?: boolean }).retriable || attempt >= 10) throw error;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    } finally {
      await admin.disconnect();
    }
  }
}
