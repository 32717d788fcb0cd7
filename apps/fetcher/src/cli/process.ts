import { createKafka, kafkaConnectionFromEnv } from "@lumasnip/bus";
import { ensureTopics, topicNames } from "@lumasnip/schema";
import { kafkaLogCreator, type Logger } from "@lumasnip/service";
import type { FetcherConfig } from "../config/load.ts";
import { startKafkaThread } from "../kafka/kafka-thread-client.ts";
import { createFetcherMetrics, type FetcherMetrics } from "../ops/metrics.ts";
import type { ProcessDeps } from "../sync/deps.ts";

/** Connects what every source of the process shares: Kafka (topics ensured), producers, metrics. */
export async function startProcess(
  config: FetcherConfig,
  env: NodeJS.ProcessEnv,
  logger: Logger,
  extra: { fetch?: typeof fetch; metrics?: FetcherMetrics } = {},
): Promise<{ deps: ProcessDeps; close(): Promise<void> }> {
  const connection = kafkaConnectionFromEnv(env, "lumasnip-fetcher");
  const kafka = createKafka(connection, {
    logCreator: kafkaLogCreator(logger),
  });
  const topics = topicNames(config.topicPrefix);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ensured = await ensureTopics(admin, { prefix: config.topicPrefix });
    if (ensured.created.length > 0) logger.info({ topics: ensured.created }, "topics created");
    for (const warning of ensured.warnings)
      logger.warn({ warning }, "topic differs from what lumasnip expects");
  } finally {
    await admin.disconnect();
  }
  // events and state records are produced on a thread of their own (kafka/kafka-thread.ts)
  const thread = await startKafkaThread({
    connection,
    dlqTopic: topics.dlq,
    stateTopic: topics.fetcherState,
    logLevel: logger.level,
  });
  const { producer, stateWriter, writer } = thread;
  const deps: ProcessDeps = {
    kafka,
    topics,
    topicPrefix: config.topicPrefix,
    producer,
    stateWriter,
    writer,
    metrics: extra.metrics ?? createFetcherMetrics(),
    logger,
    lockSessionTimeoutMs: config.lock.sessionTimeoutMs,
    ...(extra.fetch ? { fetch: extra.fetch } : {}),
  };
  return {
    deps,
    async close() {
      await thread.close();
    },
  };
}
