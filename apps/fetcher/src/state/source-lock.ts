import type { Logger } from "@lumasnip/service";
import type { Consumer, Kafka } from "kafkajs";
import { applyRecord } from "./codec.ts";
import { lockAssigner } from "./lock-assigner.ts";
import { topicOffsets } from "./offsets.ts";
import type { LoadedState } from "./types.ts";

/** Another fetcher holds the source and did not let go in time. */
export class SourceLockedError extends Error {
  override name = "SourceLockedError";
  readonly retryable = true;
  readonly context: Record<string, unknown>;
  constructor(sourceId: string, groupId: string, waitedMs: number) {
    super(
      `another fetcher is running source "${sourceId}" (consumer group ${groupId}); waited ${Math.round(waitedMs / 1000)} s. ` +
        "Stop it first, or run this command where it runs",
    );
    this.context = { sourceId, groupId, waitedMs };
  }
}

export interface SourceLock {
  /** the source's state as the topic held it when the lock was taken */
  loaded: LoadedState;
  /** aborted when the lock is lost (a rebalance moved the partition, the consumer crashed) */
  lost: AbortSignal;
  release(): Promise<void>;
}

export interface AcquireOptions {
  kafka: Kafka;
  /** the fetcher-state topic (one partition) */
  topic: string;
  groupId: string;
  sourceId: string;
  logger: Logger;
  sessionTimeoutMs: number;
  signal: AbortSignal;
  /** give up after this long (undefined: wait for as long as it takes) */
  waitMs?: number | undefined;
}

/**
 * Takes the source's lock — the partition of the state topic in the group
 * `<prefix>-fetcher-<sourceId>` (lock-assigner.ts keeps it with its holder) — and loads the
 * source's state by reading that partition up to its end. Resolves undefined when `signal`
 * aborts while waiting.
 */
export async function acquireSourceLock(o: AcquireOptions): Promise<SourceLock | undefined> {
  const log = o.logger.child({ sourceId: o.sourceId, lockGroup: o.groupId });
  const since = Date.now();
  let holding = false;
  let done = false;
  let highest = -1;
  let target: number | undefined;
  const loaded: LoadedState = { header: undefined, items: new Map() };
  const lost = new AbortController();
  let settle!: { resolve: (v: SourceLock | undefined) => void; reject: (e: unknown) => void };
  const acquired = new Promise<SourceLock | undefined>((resolve, reject) => {
    settle = { resolve, reject };
  });

  const consumer: Consumer = o.kafka.consumer({
    groupId: o.groupId,
    sessionTimeout: o.sessionTimeoutMs,
    heartbeatInterval: Math.min(3000, Math.floor(o.sessionTimeoutMs / 3)),
    partitionAssigners: [lockAssigner(() => ({ holding, since }))],
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 500,
    retry: { retries: 5, restartOnFailure: async () => false },
  });
  const release = async () => {
    holding = false;
    await consumer.disconnect().catch(() => {});
  };
  const lock: SourceLock = { loaded, lost: lost.signal, release };
  const check = () => {
    if (done || target === undefined || highest < target - 1) return;
    done = true;
    log.info({ items: loaded.items.size, waitedMs: Date.now() - since }, "source lock taken, state loaded");
    // the state is loaded: the group membership is the lock and the heartbeats keep it, but the
    // fetches would go on decoding every state record the sync writes, on the main thread
    consumer.pause([{ topic: o.topic }]);
    settle.resolve(lock);
  };

  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    const mine = (event.payload.memberAssignment[o.topic] ?? []).length > 0;
    if (mine && !holding) {
      holding = true;
      highWatermark(o.kafka, o.topic)
        .then((high) => {
          target = high;
          check();
        })
        .catch((error) => settle.reject(error));
    } else if (!mine && holding) {
      holding = false;
      log.error("source lock lost to another fetcher: stopping");
      lost.abort(new Error("source lock lost"));
    } else if (!mine) {
      log.warn("another fetcher holds this source: waiting for it to stop");
    }
  });
  consumer.on(consumer.events.CRASH, (event) => {
    if (done) {
      log.error({ err: event.payload.error }, "source lock consumer crashed: stopping");
      lost.abort(event.payload.error);
    } else settle.reject(event.payload.error);
  });

  const onAbort = () => {
    if (!done) {
      done = true;
      void release().then(() => settle.resolve(undefined));
    }
  };
  o.signal.addEventListener("abort", onAbort, { once: true });
  const timer =
    o.waitMs === undefined
      ? undefined
      : setTimeout(() => {
          if (done) return;
          done = true;
          void release().then(() =>
            settle.reject(new SourceLockedError(o.sourceId, o.groupId, Date.now() - since)),
          );
        }, o.waitMs);

  try {
    await consumer.connect();
    await consumer.subscribe({ topic: o.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        if (done) return;
        for (const message of batch.messages) {
          const key = message.key?.toString("utf8");
          if (key === undefined) continue;
          const outcome = applyRecord(o.sourceId, loaded, key, message.value);
          if (typeof outcome === "object")
            log.warn({ offset: message.offset, problem: outcome.invalid }, "unreadable state record skipped");
          highest = Math.max(highest, Number(message.offset));
        }
        check();
      },
    });
    return await acquired;
  } catch (error) {
    await release();
    throw error;
  } finally {
    if (timer) clearTimeout(timer);
    o.signal.removeEventListener("abort", onAbort);
  }
}

/** The partition's end offset, or 0 when it holds nothing (so there is nothing to wait for). */
async function highWatermark(kafka: Kafka, topic: string): Promise<number> {
  const offsets = await topicOffsets(kafka, topic);
  const p = offsets.find((x) => x.partition === 0) ?? offsets[0];
  if (!p || p.high === p.low) return 0;
  return Number(p.high);
}
