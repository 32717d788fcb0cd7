import type { EventProducer, OutMessage } from "@lumasnip/bus";
import type { TopicNames } from "@lumasnip/schema";
import type { Logger } from "@lumasnip/service";
import type { Snippetizer } from "@lumasnip/snippetize";
import type { EachBatchPayload } from "kafkajs";
import type { StageConfig } from "../config.ts";
import { stageDlqRecord } from "./dlq.ts";
import { handleEvent } from "./handle-event.ts";
import type { LastHashes } from "./last-hashes.ts";
import type { StageMetrics } from "./metrics.ts";

interface Pending {
  offset: string;
  out?: OutMessage;
  memo?: { key: string; hash: string };
  snippets: number;
  event?: "upserted" | "deleted";
}

export interface BatchHandlerDeps {
  config: StageConfig;
  topics: TopicNames;
  producer: EventProducer;
  snippetizer: Snippetizer;
  last: LastHashes;
  metrics: StageMetrics;
  log: Logger;
  signal: AbortSignal;
  /** a send or commit that failed: the stage stops and the process exits non-zero */
  fail: (error: Error) => void;
}

/**
 * The `eachBatch` of the stage. Output is sent in order per partition with one send in flight:
 * while the broker acknowledges a send, the next messages (of this batch, or of the next batch,
 * which kafkajs fetches meanwhile) are snippetized. Offsets are committed only after the send
 * that covers them was acknowledged. A failed send fails the stage rather than leave a gap:
 * the restart resumes from the last committed offset.
 */
export function createBatchHandler(d: BatchHandlerDeps) {
  const { config, topics, producer, snippetizer, last, metrics, log, signal } = d;
  const chains = new Map<string, Promise<void>>();
  let failed: Error | undefined;

  async function sendAndCommit(items: Pending[], payload: EachBatchPayload): Promise<void> {
    const { batch, commitOffsetsIfNecessary } = payload;
    const { topic, partition } = batch;
    const out = items.flatMap((p) => (p.out ? [p.out] : []));
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
    for (const p of items) {
      if (p.memo) last.set(p.memo.key, p.memo.hash);
      if (p.event === "upserted") {
        metrics.sets.inc();
        metrics.snippets.inc(p.snippets);
      } else if (p.event === "deleted") metrics.deletions.inc();
    }
    const next = (BigInt(items[items.length - 1]!.offset) + 1n).toString();
    // the batch's own commit: consumer.commitOffsets() is silently skipped once a stop has begun,
    // which would lose the commit of the output a drain has just sent
    await commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: next }] }] });
    metrics.lag.set({ partition: String(partition) }, Number(BigInt(batch.highWatermark) - BigInt(next)));
    metrics.remembered.set(last.size);
  }

  async function eachBatch(payload: EachBatchPayload): Promise<void> {
    if (failed) throw failed;
    const { batch, heartbeat, resolveOffset, isRunning, isStale } = payload;
    const { topic, partition } = batch;
    const chainKey = `${topic}:${partition}`;
    let inflight = chains.get(chainKey) ?? Promise.resolve();
    let pending: Pending[] = [];
    let bytes = 0;
    // what this batch (and the send in flight) is about to produce counts as produced for the skip
    const pendingHash = new Map<string, string>();
    const lastHash = (key: string) => pendingHash.get(key) ?? last.get(key);
    const counts = { produced: 0, unchanged: 0, dlq: 0 };
    const started = performance.now();

    const flush = async () => {
      if (pending.length > 0) {
        const items = pending;
        pending = [];
        bytes = 0;
        // resolved: the next fetch of this partition starts after them (commits still wait for the ack)
        for (const p of items) resolveOffset(p.offset);
        const previous = inflight;
        inflight = previous.then(() => sendAndCommit(items, payload));
        inflight.catch((error: Error) => {
          failed ??= error;
          d.fail(error);
        });
        chains.set(chainKey, inflight);
        // wait for the send before last, so at most one is in flight per partition
        await previous;
      }
      await heartbeat();
    };

    for (const message of batch.messages) {
      if (!isRunning() || isStale() || signal.aborted || failed) break;
      const size = message.value?.byteLength ?? 0;
      metrics.inputBytes.inc(size);
      const outcome = await handleEvent(message, snippetizer, lastHash);
      if (outcome.kind === "dlq") {
        await producer.sendDlq([
          stageDlqRecord({ ...outcome, topic, partition, groupId: config.groupId, message }),
        ]);
        metrics.dlq.inc({ reason: outcome.reason });
        metrics.events.inc({ kind: "unknown", outcome: "dlq" });
        const { key, reason, error } = outcome;
        log.error(
          { key, topic, partition, offset: message.offset, reason, error },
          "content sent to the DLQ",
        );
        pending.push({ offset: message.offset, snippets: 0 });
        counts.dlq++;
      } else if (outcome.kind === "unchanged") {
        metrics.events.inc({ kind: outcome.event, outcome: "unchanged" });
        if (outcome.event === "upserted") metrics.seconds.observe(outcome.ms / 1000);
        pending.push({ offset: message.offset, snippets: 0 });
        counts.unchanged++;
      } else {
        metrics.events.inc({ kind: outcome.event, outcome: "produced" });
        if (outcome.event === "upserted") metrics.seconds.observe(outcome.ms / 1000);
        pendingHash.set(outcome.key, outcome.memo);
        const { message: out, snippets, event } = outcome;
        pending.push({
          offset: message.offset,
          out,
          memo: { key: outcome.key, hash: outcome.memo },
          snippets,
          event,
        });
        // the input's size stands for the output's (about 0.7 of it on the corpus): serializing a
        // set only to weigh it would cost as much as the producer's own serialization
        bytes += size;
        counts.produced++;
      }
      if (bytes >= config.sendBatchBytes || pending.length >= config.sendBatchMessages) await flush();
      else await heartbeat(); // kafkajs only sends one when the heartbeat interval is due
    }
    // after a rebalance the partition may be someone else's: leave the rest unsent, they redo it
    if (!isStale() && !failed) await flush();
    // a stop or a rebalance settles this partition's sends and commits before kafkajs goes on
    if (signal.aborted || !isRunning() || isStale()) await inflight;
    if (failed) throw failed;
    const ms = Math.round(performance.now() - started);
    log.info({ partition, ...counts, of: batch.messages.length, ms }, "batch done");
  }

  return {
    eachBatch,
    /** waits for every partition's sends and commits (before the consumer leaves its group) */
    settle: () => Promise.allSettled([...chains.values()]).then(() => undefined),
  };
}
