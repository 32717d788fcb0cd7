import { createEventProducer, createKafka, kafkaConnectionFromEnv } from "@lumasnip/bus";
import { ensureTopics, topicNames } from "@lumasnip/schema";
import { kafkaLogCreator, type Logger } from "@lumasnip/service";
import type { FetcherConfig } from "../config/load.ts";
import { createFetcherMetrics, type FetcherMetrics } from "../ops/metrics.ts";
import { createStateWriter } from "../state/state-writer.ts";
import type { ProcessDeps } from "../sync/deps.ts";
import { useGzipLevel } from "./gzip-codec.ts";

/** Connects what every source of the process shares: Kafka (topics ensured), producers, metrics. */
export async function startProcess(
  config: FetcherConfig,
  env: NodeJS.ProcessEnv,
  logger: Logger,
  extra: { fetch?: typeof fetch; metrics?: FetcherMetrics } = {},
): Promise<{ deps: ProcessDeps; close(): Promise<void> }> {
  useGzipLevel();
  const kafka = createKafka(kafkaConnectionFromEnv(env, "lumasnip-fetcher"), {
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
  const producer = await createEventProducer(kafka, { dlqTopic: topics.dlq, stage: "fetcher" });
  const stateWriter = await createStateWriter(kafka, topics.fetcherState).catch(async (error) => {
    await producer.disconnect();
    throw error;
  });
  const deps: ProcessDeps = {
    kafka,
    topics,
    topicPrefix: config.topicPrefix,
    producer,
    stateWriter,
    metrics: extra.metrics ?? createFetcherMetrics(),
    logger,
    lockSessionTimeoutMs: config.lock.sessionTimeoutMs,
    ...(extra.fetch ? { fetch: extra.fetch } : {}),
  };
  return {
    deps,
    async close() {
      await Promise.allSettled([producer.disconnect(), stateWriter.disconnect()]);
    },
  };
}
