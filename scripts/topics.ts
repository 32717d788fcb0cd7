// `pnpm topics`: creates the project's topics with their configs, or reports how existing ones differ.
import { ensureDevTopics } from "./dev/topics.ts";

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log(
    "usage: pnpm topics\nCreates lumasnip's topics on KAFKA_BROKERS (prefix LUMASNIP_TOPIC_PREFIX, default lumasnip) or checks existing ones.",
  );
  process.exit(0);
}
const brokers = process.env.KAFKA_BROKERS;
if (!brokers) {
  console.error(
    "topics: set KAFKA_BROKERS=host:port (the local broker: pnpm broker start, then 127.0.0.1:9092)",
  );
  process.exit(2);
}
try {
  const r = await ensureDevTopics(brokers);
  console.log(JSON.stringify(r, null, 2));
} catch (error) {
  console.error(`topics: ${(error as Error).message}`);
  process.exit(1);
}
