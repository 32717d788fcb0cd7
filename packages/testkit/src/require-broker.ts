import { waitForKafka } from "./kafka.ts";

/** vitest globalSetup: integration tests need a broker, and say how to get one when missing. */
export default async function setup(): Promise<void> {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) {
    throw new Error(
      "These integration tests need a Kafka broker, and KAFKA_BROKERS is not set. " +
        "Run them through the root command `pnpm test` (it starts the local broker), or start one with " +
        "`pnpm broker start` and set KAFKA_BROKERS=127.0.0.1:9092, or point KAFKA_BROKERS at your own cluster.",
    );
  }
  await waitForKafka(brokers.split(","), 30_000);
}
