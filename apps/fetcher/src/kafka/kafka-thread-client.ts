import { Worker } from "node:worker_threads";
import {
  type EventProducer,
  type KafkaConnection,
  type OutMessage,
  type SendResult,
  serialize,
} from "@lumasnip/bus";
import type { DlqRecord } from "@lumasnip/schema";
import type { StateRecord } from "../state/codec.ts";
import type { StateWriter } from "../state/state-writer.ts";
import type { CommitWriter } from "../sync/emitter.ts";
import type { KafkaThreadData } from "./kafka-thread.ts";
import { type CommitReply, fromThreadError, type KafkaReply, type KafkaRequest, pack } from "./protocol.ts";

/** a request without its id (a distributive Omit keeps the union's variants apart) */
type Ask = KafkaRequest extends infer R ? (R extends KafkaRequest ? Omit<R, "id"> : never) : never;

/** The event producer and the state writer of the process, both running on the Kafka thread. */
export interface KafkaThread {
  producer: EventProducer;
  stateWriter: StateWriter;
  /** a whole commit in one exchange with the thread: events, then the state (emitter.ts) */
  writer: CommitWriter;
  /** disconnects the producers and ends the thread */
  close(): Promise<void>;
}

/**
 * Starts kafka-thread.ts and resolves once its producers are connected (rejects as they would).
 * Values are serialized here (the bus's `serialize`), so what crosses is bytes. If the thread
 * dies, what is under way and everything after fails: events are never dropped silently.
 */
export async function startKafkaThread(options: {
  connection: KafkaConnection;
  dlqTopic: string;
  stateTopic: string;
  logLevel: string;
}): Promise<KafkaThread> {
  const workerData: KafkaThreadData = options;
  const worker = new Worker(new URL("./kafka-thread.ts", import.meta.url), { workerData });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let gone: Error | undefined;
  let started: { resolve: () => void; reject: (e: Error) => void } | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    started = { resolve, reject };
  });
  const fail = (error: Error) => {
    gone ??= error;
    started?.reject(error);
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on("message", (m: KafkaReply) => {
    if ("ready" in m) return started?.resolve();
    if ("fatal" in m) return fail(fromThreadError(m.fatal));
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.ok) p?.resolve(m.result);
    else p?.reject(fromThreadError(m.error));
  });
  worker.on("error", (error) => fail(error));
  worker.on("exit", (code) => fail(new Error(`the fetcher's Kafka thread stopped (exit code ${code})`)));

  const ask = <T>(request: Ask): Promise<T> => {
    if (gone) return Promise.reject(gone);
    const id = nextId++;
    const moved: ArrayBuffer[] = [];
    if ("records" in request && "data" in request.records)
      moved.push(request.records.data.buffer as ArrayBuffer);
    if ("state" in request) moved.push(request.state.data.buffer as ArrayBuffer);
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...request, id }, moved);
    });
  };

  try {
    await ready;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      if (gone) return;
      const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
      await ask<void>({ op: "close" }).catch(() => {});
      const timer = setTimeout(() => void worker.terminate(), 10_000);
      await exited;
      clearTimeout(timer);
    })());
  return {
    producer: {
      send: (topic: string, messages: OutMessage[]) =>
        ask<SendResult>({
          op: "send",
          topic,
          records: pack(messages.map((m) => ({ key: m.key, value: serialize(m.value), headers: m.headers }))),
        }),
      sendDlq: (records: DlqRecord[]) => ask<void>({ op: "dlq", records }),
      disconnect: close,
    },
    stateWriter: {
      write: (records: StateRecord[]) =>
        records.length === 0 ? Promise.resolve() : ask<void>({ op: "state", records: pack(records) }),
      disconnect: close,
    },
    writer: {
      async commit({ lane, topic, messages, dlq, state }) {
        const out = await ask<CommitReply>({
          op: "commit",
          lane,
          topic,
          events: { keys: messages.map((m) => m.key), values: messages.map((m) => m.value) },
          dlq,
          state: pack(state),
        });
        return {
          sent: out.sent,
          ms: out.ms,
          ...(out.stateError ? { stateError: fromThreadError(out.stateError) } : {}),
        };
      },
      reset(lane) {
        ask<void>({ op: "reset", lane }).catch(() => {});
      },
    },
    close,
  };
}
