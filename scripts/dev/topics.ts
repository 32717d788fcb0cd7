import { createKafka, kafkaConnectionFromEnv } from "@lumasnip/bus";
import { ensureTopics } from "@lumasnip/schema";

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
