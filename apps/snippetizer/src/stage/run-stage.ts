import { createEventProducer, type EventProducer, type OutMessage } from "@lumasnip/bus";
import { ensureTopics, topicNames } from "@lumasnip/schema";
import { type Logger, startOpsServer } from "@lumasnip/service";
import { createSnippetizer } from "@lumasnip/snippetize";
import type { Consumer, EachBatchPayload, Kafka } from "kafkajs";
import type { StageConfig } from "../config.ts";
import { stageDlqRecord } from "./dlq.ts";
import { handleEvent } from "./handle-event.ts";
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

interface Pending {
  offset: string;
  out?: OutMessage;
  memo?: { key: string; hash: string };
  snippets: number;
  event?: "upserted" | "deleted";
}

/**
 * Consumes `lumasnip.content.v1` (group `lumasnip-snippetizer`) and produces a snippet set or a
 * deletion per content to `lumasnip.snippets.v1`, keyed by the content key. Output is gathered
 * into sends of up to `sendBatchBytes`; offsets are committed only after the broker acknowledged
 * that output (acks=-1). Poison input goes to the DLQ (acknowledged before its offset is
 * committed) and the partition moves on. Resolves after `signal` aborts; rejects on a crash.
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
  const consumer: Consumer = deps.kafka.consumer({
    groupId: config.groupId,
    sessionTimeout: 30_000,
    heartbeatInterval: 3_000,
    maxBytesPerPartition: config.fetchBytesPerPartition,
    maxBytes: Math.max(config.fetchBytesPerPartition * 6, 10 * 1024 * 1024),
    retry: { retries: 8, restartOnFailure: async () => false },
  });
  const ops =
    config.opsPort === null
      ? undefined
      : await startOpsServer({
          port: config.opsPort,
          host: config.opsHost,
          registry: metrics.registry,
          health: () => ({
            ok: running && !crashed,
            consumer: running ? "running" : "stopped",
            remembered: last.size,
          }),
        });

  async function eachBatch({
    batch,
    heartbeat,
    resolveOffset,
    isRunning,
    isStale,
    commitOffsetsIfNecessary,
  }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    let pending: Pending[] = [];
    let bytes = 0;
    // what this batch is about to produce counts as produced for the skip check
    const pendingHash = new Map<string, string>();
    const lastHash = (key: string) => pendingHash.get(key) ?? last.get(key);
    let produced = 0;
    let unchanged = 0;
    let dlq = 0;
    const started = performance.now();

    const flush = async () => {
      if (pending.length === 0) return;
      const out = pending.flatMap((p) => (p.out ? [p.out] : []));
      const t0 = performance.now();
      const result = await producer.send(topics.snippets, out);
      metrics.sendSeconds.observe((performance.now() - t0) / 1000);
      if (result.tooLarge > 0) {
        metrics.dlq.inc({ reason: "too_large" }, result.tooLarge);
        log.error(
          { partition, tooLarge: result.tooLarge },
          "snippet sets over the message limit sent to the DLQ",
        );
      }
      for (const p of pending) {
        if (p.memo) last.set(p.memo.key, p.memo.hash);
        if (p.event === "upserted") {
          metrics.sets.inc();
          metrics.snippets.inc(p.snippets);
        } else if (p.event === "deleted") metrics.deletions.inc();
        resolveOffset(p.offset);
      }
      const next = (BigInt(pending[pending.length - 1]!.offset) + 1n).toString();
      // the batch's own commit: consumer.commitOffsets() is silently skipped once a stop has begun,
      // which would lose the commit of the output a drain has just sent
      await commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: next }] }] });
      metrics.lag.set({ partition: String(partition) }, Number(BigInt(batch.highWatermark) - BigInt(next)));
      metrics.remembered.set(last.size);
      pending = [];
      bytes = 0;
      pendingHash.clear();
      await heartbeat();
    };

    for (const message of batch.messages) {
      if (!isRunning() || isStale() || signal.aborted) break;
      const size = message.value?.byteLength ?? 0;
      metrics.inputBytes.inc(size);
      const outcome = await handleEvent(message, snippetizer, lastHash);
      if (outcome.kind === "dlq") {
        await producer.sendDlq([
          stageDlqRecord({ ...outcome, topic, partition, groupId: config.groupId, message }),
        ]);
        metrics.dlq.inc({ reason: outcome.reason });
        metrics.events.inc({ kind: "unknown", outcome: "dlq" });
        log.error(
          {
            key: outcome.key,
            topic,
            partition,
            offset: message.offset,
            reason: outcome.reason,
            error: outcome.error,
          },
          "content sent to the DLQ",
        );
        pending.push({ offset: message.offset, snippets: 0 });
        dlq++;
      } else if (outcome.kind === "unchanged") {
        metrics.events.inc({ kind: outcome.event, outcome: "unchanged" });
        if (outcome.event === "upserted") metrics.seconds.observe(outcome.ms / 1000);
        pending.push({ offset: message.offset, snippets: 0 });
        unchanged++;
      } else {
        metrics.events.inc({ kind: outcome.event, outcome: "produced" });
        if (outcome.event === "upserted") metrics.seconds.observe(outcome.ms / 1000);
        const outBytes = Buffer.byteLength(JSON.stringify(outcome.message.value));
        metrics.outputBytes.inc(outBytes);
        pendingHash.set(outcome.key, outcome.memo);
        pending.push({
          offset: message.offset,
          out: outcome.message,
          memo: { key: outcome.key, hash: outcome.memo },
          snippets: outcome.snippets,
          event: outcome.event,
        });
        bytes += outBytes;
        produced++;
      }
      if (bytes >= config.sendBatchBytes || pending.length >= config.sendBatchMessages) await flush();
      else await heartbeat(); // kafkajs only sends one when the heartbeat interval is due
    }
    // after a rebalance the partition may be someone else's: leave the rest uncommitted, they redo it
    if (!isStale()) await flush();
    log.info(
      {
        partition,
        produced,
        unchanged,
        dlq,
        of: batch.messages.length,
        ms: Math.round(performance.now() - started),
      },
      "batch done",
    );
  }

  const stopped = new Promise<void>((resolve, reject) => {
    consumer.on(consumer.events.CRASH, (e) => {
      crashed = e.payload.error;
      running = false;
      reject(e.payload.error);
    });
    signal.addEventListener("abort", () => resolve(), { once: true });
    if (signal.aborted) resolve();
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
      eachBatch,
    });
    await stopped;
  } finally {
    running = false;
    // disconnect waits for the batch in hand to finish (and be sent and committed)
    await consumer.disconnect().catch((error) => log.warn({ err: error }, "consumer disconnect failed"));
    await producer.disconnect().catch((error) => log.warn({ err: error }, "producer disconnect failed"));
    await ops?.close();
    log.info("snippetizer stopped");
  }
}
