import type { Kafka } from "kafkajs";

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
