import { createEventProducer, type EventProducer } from "@lumasnip/bus";
import { ensureTopics, topicNames } from "@lumasnip/schema";
import { type Logger, startOpsServerUnlessOff } from "@lumasnip/service";
import { createSnippetizer } from "@lumasnip/snippetize";
import type { Consumer, Kafka } from "kafkajs";
import type { StageConfig } from "../config.ts";
import { createGroupConsumer } from "../group-consumer.ts";
import { createBatchHandler } from "./batch-handler.ts";
import { createLastHashes } from "./last-hashes.ts";
import { createStageMetrics, type StageMetrics } from "./metrics.ts";

export interface StageDeps {
  kafka: Kafka;
  logger: Logger;
  /** aborting it drains: the batch in hand is finished, sent and committed, then the consumer leaves */
  signal: AbortSignal;
  metrics?: StageMetrics;
  /** called once the consumer has joined its group, with the ops server's URL when there is one */
  onReady?: (info: { opsUrl: string | undefined }) => void;
}

/**
 * Consumes `lumasnip.content.v1` (group `lumasnip-snippetizer`) and produces a snippet set or a
 * deletion per content to `lumasnip.snippets.v1`, keyed by the content key (batch-handler.ts:
 * offsets are committed only after the broker acknowledged the output, acks=-1; poison input
 * goes to the DLQ and the partition moves on). Resolves after `signal` aborts, once the work in
 * hand is sent and committed; rejects on a crash or a failed send.
 */
export async function runSnippetizer(config: StageConfig, deps: StageDeps): Promise<void> {
  const { logger, signal } = deps;
  const log = logger.child({ component: "snippetizer" });
  const metrics = deps.metrics ?? createStageMetrics();
  const topics = topicNames(config.topicPrefix);
  const snippetizer = createSnippetizer(config.settings);
  const last = createLastHashes(config.hashMemory);
  let running = false;
  let crashed: Error | undefined;

  const admin = deps.kafka.admin();
  await admin.connect();
  try {
    const ensured = await ensureTopics(admin, { prefix: config.topicPrefix });
    if (ensured.created.length > 0) log.info({ topics: ensured.created }, "topics created");
  } finally {
    await admin.disconnect();
  }
  const producer: EventProducer = await createEventProducer(deps.kafka, {
    dlqTopic: topics.dlq,
    stage: "snippetizer",
    maxMessageBytes: config.maxMessageBytes,
  });
  const consumer: Consumer = createGroupConsumer(deps.kafka, {
    groupId: config.groupId,
    maxBytesPerPartition: config.fetchBytesPerPartition,
    maxBytes: Math.max(config.fetchBytesPerPartition * 6, 10 * 1024 * 1024),
  });
  const ops = await startOpsServerUnlessOff({
    port: config.opsPort,
    host: config.opsHost,
    registry: metrics.registry,
    health: () => ({
      ok: running && !crashed,
      consumer: running ? "running" : "stopped",
      remembered: last.size,
    }),
  });

  let fail: (error: Error) => void = () => {};
  const failure = new Promise<never>((_, reject) => {
    fail = (error) => {
      log.error(
        { err: error },
        "sending or committing failed: stopping (the restart resumes from the last commit)",
      );
      reject(error);
    };
  });
  failure.catch(() => {});
  const handler = createBatchHandler({
    config,
    topics,
    producer,
    snippetizer,
    last,
    metrics,
    log,
    signal,
    fail,
  });

  const stopped = new Promise<void>((resolve, reject) => {
    consumer.on(consumer.events.CRASH, (e) => {
      crashed = e.payload.error;
      running = false;
      reject(e.payload.error);
    });
    signal.addEventListener("abort", () => resolve(), { once: true });
    if (signal.aborted) resolve();
    failure.catch((error: Error) => {
      crashed = error;
      reject(error);
    });
  });
  // a crash during connect must not surface as an unhandled rejection before it is awaited below
  stopped.catch(() => {});
  try {
    await consumer.connect();
    // the content topic is compacted, so it is the table of current contents: read it all
    await consumer.subscribe({ topic: topics.content, fromBeginning: true });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (!running) {
        running = true;
        log.info({ group: config.groupId, topic: topics.content, ops: ops?.url }, "snippetizer running");
        deps.onReady?.({ opsUrl: ops?.url });
      }
    });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: config.concurrency,
      eachBatch: handler.eachBatch,
    });
    await stopped;
  } finally {
    running = false;
    // the sends in flight are acknowledged and their offsets committed before the group is left;
    // disconnect waits for the batch in hand, which settles its own partition
    await handler.settle();
    await consumer.disconnect().catch((error) => log.warn({ err: error }, "consumer disconnect failed"));
    await producer.disconnect().catch((error) => log.warn({ err: error }, "producer disconnect failed"));
    await ops?.close();
    log.info("snippetizer stopped");
  }
}
