import { createKafka, kafkaConnectionFromEnv, moveGroup, STAGES } from "@lumasnip/bus";
import { ensureTopics, topicNames } from "@lumasnip/schema";

type Admin = ReturnType<ReturnType<typeof createKafka>["admin"]>;

const prefix = () => process.env.LUMASNIP_TOPIC_PREFIX ?? "lumasnip";

/** Runs `work` with a connected admin client of the dev stack's cluster; always disconnects. */
async function withDevAdmin<T>(brokers: string, work: (admin: Admin) => Promise<T>): Promise<T> {
  const kafka = createKafka(
    kafkaConnectionFromEnv({ ...process.env, KAFKA_BROKERS: brokers }, "lumasnip-dev"),
    { retries: 3 },
  );
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Creates or checks the project's topics (LUMASNIP_TOPIC_PREFIX, default `lumasnip`). */
export function ensureDevTopics(brokers: string) {
  return withDevAdmin(brokers, (admin) => ensureTopics(admin, { prefix: prefix() }));
}

/**
 * `--fresh` empties the local KV, so the publisher must re-read every snippet set: moves its group
 * to the start of the (compacted) snippet topic before it starts. Without this it resumed from its
 * committed offset and the fresh edge held only the contents changed since.
 */
export function rewindDevPublisher(brokers: string) {
  return withDevAdmin(brokers, async (admin) => {
    const topic = STAGES.publisher.input(topicNames(prefix()));
    const group = process.env.PUBLISHER_GROUP_ID ?? STAGES.publisher.group;
    await moveGroup(admin, "publisher", group, topic, "earliest");
  });
}
