import { nodeProjects } from "@lumasnip/testkit/vitest";

// topics.int.test.ts checks ensureTopics against a real broker (KAFKA_BROKERS)
export default nodeProjects({ broker: true });
