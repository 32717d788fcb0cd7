import type { DlqRecord } from "@lumasnip/schema";

/** What the main thread asks of the Kafka thread (kafka-thread.ts). Values are serialized JSON. */
export type KafkaRequest =
  | {
      id: number;
      op: "send";
      topic: string;
      messages: { key: string; value: Uint8Array; headers?: Record<string, string> | undefined }[];
    }
  | { id: number; op: "dlq"; records: DlqRecord[] }
  | { id: number; op: "state"; records: { key: string; value: Uint8Array | null }[] }
  | { id: number; op: "close" };

/** An error as it crosses threads: kafkajs marks the ones worth retrying `retriable`. */
export interface ThreadError {
  name: string;
  message: string;
  retriable?: boolean;
}

export type KafkaReply =
  | { id: number; ok: true; result?: unknown }
  | { id: number; ok: false; error: ThreadError }
  | { ready: true }
  | { fatal: ThreadError };

export function toThreadError(error: unknown): ThreadError {
  const e = error as { name?: unknown; message?: unknown; retriable?: unknown };
  return {
    name: typeof e?.name === "string" ? e.name : "Error",
    message: typeof e?.message === "string" ? e.message : String(error),
    ...(typeof e?.retriable === "boolean" ? { retriable: e.retriable } : {}),
  };
}

export function fromThreadError(error: ThreadError): Error {
  const out = new Error(error.message) as Error & { retriable?: boolean };
  out.name = error.name;
  if (error.retriable !== undefined) out.retriable = error.retriable;
  return out;
}

/** A Buffer over the bytes another thread sent, without copying them. */
export const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
