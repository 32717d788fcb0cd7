import { createKafka, kafkaConnectionFromEnv, moveGroup, STAGES } from "@lumasnip/bus";
import { ensureTopics, topicNames } from "@lumasnip/schema";

/** Creates or checks the project's topics (LUMASNIP_TOPIC_PREFIX, default `lumasnip`). */
export async function ensureDevTopics(brokers: string) {
  const kafka = createKafka(
    kafkaConnectionFromEnv({ ...process.env, KAFKA_BROKERS: brokers }, "lumasnip-dev"),
    { retries: 3 },
  );
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await ensureTopics(admin, { prefix: process.env.LUMASNIP_TOPIC_PREFIX ?? "lumasnip" });
  } finally {
    await admin.disconnect();
  }
}

/**
 * `--fresh` empties the local KV, so the publisher must re-read every snippet set: moves its group
 * to the start of the (compacted) snippet topic before it starts. Without this it resumed from its
 * committed offset and the fresh edge held only the contents changed since.
 */
export async function rewindDevPublisher(brokers: string) {
  const kafka = createKafka(
    kafkaConnectionFromEnv({ ...process.env, KAFKA_BROKERS: brokers }, "lumasnip-dev"),
    { retries: 3 },
  );
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topic = STAGES.publisher.input(topicNames(process.env.LUMASNIP_TOPIC_PREFIX ?? "lumasnip"));
    const group = process.env.PUBLISHER_GROUP_ID ?? STAGES.publisher.group;
    await moveGroup(admin, "publisher", group, topic, "earliest");
  } finally {
    await admin.disconnect();
  }
}
