import type { DlqRecord } from "@lumasnip/schema";

/**
 * Records as they cross to the Kafka thread: every value (serialized JSON) packed in one buffer
 * that is moved, not copied, and cut back into views there — a page's records cost one transfer
 * instead of one structured clone each. A length of -1 is a null value (a state tombstone).
 */
export interface PackedRecords {
  keys: string[];
  lengths: number[];
  data: Uint8Array;
  headers?: (Record<string, string> | undefined)[];
}

/** What the main thread asks of the Kafka thread (kafka-thread.ts). */
export type KafkaRequest =
  | { id: number; op: "send"; topic: string; records: PackedRecords }
  | { id: number; op: "dlq"; records: DlqRecord[] }
  | { id: number; op: "state"; records: PackedRecords }
  /**
   * events (and DLQ records), then — once Kafka acknowledged them — the state records. Requests
   * run one at a time in the order sent; after a commit of a lane (a source) fails, the lane's
   * later commits are refused until a `reset` (they were staged on top of it).
   */
  | {
      id: number;
      op: "commit";
      lane: string;
      topic: string;
      /** the events' keys and JSON text (made bytes on the Kafka thread: the UTF-8 encoding of a
       * page of real bodies costs the main thread almost as much as the JSON.stringify) */
      events: { keys: string[]; values: string[] };
      dlq: DlqRecord[];
      state: PackedRecords;
    }
  | { id: number; op: "reset"; lane: string }
  | { id: number; op: "close" };

/** What a commit answers: `stateError` when the events went out but the state write failed. */
export interface CommitReply {
  sent: { sent: number; tooLarge: number };
  stateError?: ThreadError;
  /** how long the Kafka thread worked on it */
  ms: number;
}

/** The name of the error of a commit refused because one before it in its lane failed. */
export const AFTER_FAILURE = "KafkaThreadAfterFailure";

export function pack(
  records: readonly { key: string; value: Uint8Array | null; headers?: Record<string, string> | undefined }[],
): PackedRecords {
  let total = 0;
  for (const r of records) total += r.value?.byteLength ?? 0;
  // its own ArrayBuffer (not a slice of Node's pool), so that it can be transferred
  const data = Buffer.allocUnsafeSlow(total);
  const lengths: number[] = [];
  let at = 0;
  for (const r of records) {
    if (r.value === null) {
      lengths.push(-1);
      continue;
    }
    data.set(r.value, at);
    at += r.value.byteLength;
    lengths.push(r.value.byteLength);
  }
  const packed: PackedRecords = { keys: records.map((r) => r.key), lengths, data };
  if (records.some((r) => r.headers)) packed.headers = records.map((r) => r.headers);
  return packed;
}

export function unpack(
  packed: PackedRecords,
): { key: string; value: Buffer | null; headers?: Record<string, string> | undefined }[] {
  const data = asBuffer(packed.data);
  let at = 0;
  return packed.keys.map((key, i) => {
    const length = packed.lengths[i]!;
    const value = length < 0 ? null : data.subarray(at, at + length);
    if (length > 0) at += length;
    const headers = packed.headers?.[i];
    return headers ? { key, value, headers } : { key, value };
  });
}

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
