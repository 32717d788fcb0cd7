import { createEventProducer, decodeMessage, type EventProducer } from "@lumasnip/bus";
import { type SnippetEvent, SnippetEventSchema, topicNames } from "@lumasnip/schema";
import { type Logger, sleep, startOpsServerUnlessOff } from "@lumasnip/service";
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from "kafkajs";
import { createGroupConsumer } from "../group-consumer.ts";
import type { PublisherConfig } from "./config.ts";
import { dlqRecord } from "./dlq.ts";
import { createEdgeAdmin, type EdgeAdmin } from "./edge-client.ts";
import { EdgeKeyRefusedError, ManifestConflictError } from "./errors.ts";
import { checkEdgeKey } from "./key-check.ts";
import { createPublisherMetrics, type PublisherMetrics } from "./metrics.ts";
import { createContentPublisher, type Outcome } from "./publish-content.ts";

export interface PublisherDeps {
  kafka: Kafka;
  logger: Logger;
  /** aborting it drains the in-flight content and returns */
  signal: AbortSignal;
  metrics?: PublisherMetrics;
  /** swaps the edge client (tests count or break calls with it) */
  edge?: EdgeAdmin;
  /** called once the consumer has joined its group, with the ops server's URL when there is one */
  onReady?: (info: { opsUrl: string | undefined }) => void;
}

type Handled = "done" | "stopped";

/**
 * The consumer's heartbeat failed (the group is rebalancing, the broker is unreachable): no fault
 * of the content in hand. It carries kafkajs's own error, rethrown from the batch so that kafkajs
 * rejoins or retries as it does for its own heartbeats; the content is neither parked nor
 * committed, and is published again once a member holds its partition (found by the break-it
 * review: a rebalance during an edge outage parked the waiting content in the DLQ).
 */
class HeartbeatFailed extends Error {
  override name = "HeartbeatFailed";
  readonly original: unknown;
  constructor(original: unknown) {
    super((original as Error)?.message ?? String(original));
    this.original = original;
  }
}

function retryableForContent(error: unknown): boolean {
  return (error as { retryable?: boolean })?.retryable === true || error instanceof ManifestConflictError;
}

/**
 * Consumes `lumasnip.snippets.v1` with its own group and mirrors each content into the edge's KV
 * through the admin protocol. Offsets are committed after each content is published (or sent to
 * the DLQ); a stop leaves the in-flight one uncommitted, so it is redone, idempotently.
 *
 * A 401/403 from the admin API (a wrong, revoked or read-only key) is no content's fault: the
 * publisher logs it once, stops every partition without a DLQ record or a commit, and rejects
 * with EdgeKeyRefusedError (the process exits 1; once the key is fixed, a restart goes on).
 */
export async function runPublisher(config: PublisherConfig, deps: PublisherDeps): Promise<void> {
  const { logger } = deps;
  const log = logger.child({ component: "publisher" });
  const metrics = deps.metrics ?? createPublisherMetrics();
  const topics = topicNames(config.topicPrefix);
  const edge =
    deps.edge ??
    createEdgeAdmin({ url: config.edgeUrl, key: config.edgeKey, timeoutMs: config.requestTimeoutMs });
  let running = false;
  let crashed: Error | undefined;
  let edgeUp = true;
  let refused: EdgeKeyRefusedError | undefined;
  let stopWith: (error: Error) => void = () => {};
  const fatal = (error: EdgeKeyRefusedError) =>
    log.fatal({ status: error.status, edge: config.edgeUrl }, error.message);

  try {
    await checkEdgeKey(edge, log);
  } catch (error) {
    if (error instanceof EdgeKeyRefusedError) fatal(error);
    throw error;
  }
  // aborted by the caller's signal, or by a refused key: in-flight contents stop uncommitted
  const halt = new AbortController();
  const signal = halt.signal;
  const onAbort = () => halt.abort();
  deps.signal.addEventListener("abort", onAbort, { once: true });
  if (deps.signal.aborted) halt.abort();

  function refuse(error: EdgeKeyRefusedError): void {
    if (refused) return;
    refused = error;
    fatal(error);
    halt.abort();
    stopWith(error);
  }

  const producer: EventProducer = await createEventProducer(deps.kafka, {
    dlqTopic: topics.dlq,
    stage: "publisher",
  });
  const consumer: Consumer = createGroupConsumer(deps.kafka, { groupId: config.groupId });
  const ops = await startOpsServerUnlessOff({
    port: config.opsPort,
    host: config.opsHost,
    registry: metrics.registry,
    health: () => ({
      ok: running && !crashed && !refused,
      consumer: running ? "running" : "stopped",
      edge: refused ? "key refused" : edgeUp ? "up" : "down",
    }),
  });

  async function attempt(event: SnippetEvent, heartbeat: () => Promise<void>): Promise<Outcome> {
    const publisher = createContentPublisher({
      edge,
      metrics,
      logger: log,
      backoff: {
        attempts: config.requestAttempts,
        initialMs: config.backoffInitialMs,
        maxMs: config.backoffMaxMs,
      },
      maxConflicts: config.maxConflicts,
      signal,
      onProgress: heartbeat,
    });
    for (let round = 1; ; round++) {
      try {
        const outcome =
          event.kind === "snippets.upserted"
            ? await publisher.upsert(event)
            : await publisher.remove(event.key);
        edgeUp = true;
        metrics.edgeUp.set(1);
        return outcome;
      } catch (error) {
        if (signal.aborted || !retryableForContent(error)) throw error;
        // an unhealthy edge is an outage, not this content's fault: wait without using up its rounds
        if (!(await edge.healthy())) {
          edgeUp = false;
          metrics.edgeUp.set(0);
          log.warn({ key: event.key, err: error }, "edge unreachable, waiting before trying again");
          round--;
          await sleep(config.outageCheckMs, signal);
          await heartbeat();
          if (signal.aborted) throw error;
          continue;
        }
        if (round >= config.contentAttempts) throw error;
        await sleep(Math.min(config.backoffMaxMs, config.backoffInitialMs * 2 ** round), signal);
        await heartbeat();
      }
    }
  }

  async function handle(
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ): Promise<Handled> {
    const started = performance.now();
    const decoded = decodeMessage(SnippetEventSchema, message);
    if (!decoded.ok) {
      await producer.sendDlq([
        dlqRecord({
          reason: "invalid_event",
          error: decoded.error,
          topic,
          partition,
          message,
          key: decoded.key,
          groupId: config.groupId,
        }),
      ]);
      metrics.contents.inc({ outcome: "dlq" });
      metrics.failures.inc({ reason: "invalid_event" });
      log.error(
        { key: decoded.key, topic, partition, offset: message.offset, error: decoded.error },
        "invalid snippet event sent to the DLQ",
      );
      return "done";
    }
    const event = decoded.value;
    const beat = () =>
      heartbeat().catch((error: unknown) => {
        throw new HeartbeatFailed(error);
      });
    try {
      const outcome = await attempt(event, beat);
      const seconds = (performance.now() - started) / 1000;
      metrics.contents.inc({ outcome: outcome.kind });
      metrics.seconds.observe({ outcome: outcome.kind }, seconds);
      if (outcome.kind === "published") {
        metrics.snippetsWritten.inc(outcome.written);
        metrics.writesSaved.inc(outcome.unchanged);
        metrics.staleScheduled.inc(outcome.dropped);
      }
      const line = { key: event.key, ...outcome, ms: Math.round(seconds * 1000) };
      if (outcome.kind === "skipped") log.debug(line, "content unchanged");
      else log.info(line, outcome.kind === "published" ? "content published" : "content deleted");
      return "done";
    } catch (error) {
      if (error instanceof HeartbeatFailed) throw error.original;
      if (error instanceof EdgeKeyRefusedError) {
        refuse(error);
        return "stopped";
      }
      if (signal.aborted) return "stopped";
      const reason = "publish_failed";
      const text = `publishing ${event.key} to the edge failed: ${(error as Error).message}. Fix the cause (see the publisher's logs), then replay`;
      await producer.sendDlq([
        dlqRecord({
          reason,
          error: text,
          topic,
          partition,
          message,
          key: event.key,
          groupId: config.groupId,
        }),
      ]);
      metrics.contents.inc({ outcome: "dlq" });
      metrics.failures.inc({ reason });
      log.error({ key: event.key, err: error }, "content sent to the DLQ");
      return "done";
    }
  }

  async function eachBatch({
    batch,
    heartbeat,
    resolveOffset,
    commitOffsetsIfNecessary,
    isRunning,
    isStale,
  }: EachBatchPayload): Promise<void> {
    let handled = 0;
    for (const message of batch.messages) {
      if (!isRunning() || isStale() || signal.aborted) break;
      if ((await handle(batch.topic, batch.partition, message, heartbeat)) === "stopped") break;
      resolveOffset(message.offset);
      const next = (BigInt(message.offset) + 1n).toString();
      // through the batch, not consumer.commitOffsets: kafkajs skips the latter once a stop began,
      // so a drain would lose its last commit (found in the snippetizer stage)
      await commitOffsetsIfNecessary({
        topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }],
      });
      metrics.lag.set(
        { partition: String(batch.partition) },
        Number(BigInt(batch.highWatermark) - BigInt(next)),
      );
      await heartbeat();
      handled++;
    }
    log.debug({ partition: batch.partition, handled, of: batch.messages.length }, "batch done");
  }

  const stopped = new Promise<void>((resolve, reject) => {
    stopWith = reject;
    consumer.on(consumer.events.CRASH, (e) => {
      crashed = e.payload.error;
      running = false;
      reject(e.payload.error);
    });
    deps.signal.addEventListener("abort", () => resolve(), { once: true });
    if (deps.signal.aborted) resolve();
  });
  // a crash during connect must not surface as an unhandled rejection before it is awaited below
  stopped.catch(() => {});
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: topics.snippets, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: config.concurrency,
      eachBatch,
    });
    running = true;
    log.info({ group: config.groupId, topic: topics.snippets, edge: config.edgeUrl }, "publisher running");
    deps.onReady?.({ opsUrl: ops?.url });
    await stopped;
  } finally {
    running = false;
    deps.signal.removeEventListener("abort", onAbort);
    await consumer.disconnect().catch((e: unknown) => log.warn({ err: e }, "consumer disconnect failed"));
    await producer.disconnect().catch((e: unknown) => log.warn({ err: e }, "producer disconnect failed"));
    await ops?.close();
    log.info({}, "publisher stopped");
  }
}
