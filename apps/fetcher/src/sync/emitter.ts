import type { SendResult } from "@lumasnip/bus";
import {
  type ContentDeleted,
  type ContentUpserted,
  contentKey,
  type DeleteReason,
  type DlqRecord,
  type NormalizedContent,
  SCHEMA_VERSION,
} from "@lumasnip/schema";
import type { Logger } from "@lumasnip/service";
import { AFTER_FAILURE } from "../kafka/protocol.ts";
import type { FetcherMetrics } from "../ops/metrics.ts";
import type { StateRecord } from "../state/codec.ts";
import type { SourceState } from "../state/source-state.ts";
import type { ItemEntry, ScopeState } from "../state/types.ts";

export interface Upsert {
  id: string;
  content: NormalizedContent;
  /** the entry to keep once Kafka acknowledged */
  entry: ItemEntry;
}

export interface Delete {
  id: string;
  reason: DeleteReason;
  lastVersion?: number | undefined;
  /** the entry to keep afterwards (a withdrawn item now scheduled), else it is forgotten */
  next?: ItemEntry | undefined;
}

export interface Invalid {
  contentId?: string | undefined;
  error: string;
  /** identifying fields of the bad item (never its body or any email) */
  payload?: Record<string, unknown>;
}

/** One unit of work: events to send, then the state changes they allow. */
export interface Commit {
  upserts?: Upsert[];
  deletes?: Delete[];
  invalid?: Invalid[];
  /** state changes that send nothing (schedule, forget) */
  entries?: [string, ItemEntry | undefined][];
  scope?: { id: string; patch: Partial<ScopeState> };
}

export interface CommitResult {
  upserted: number;
  deleted: number;
  dlq: number;
}

export interface Emitter {
  /**
   * Sends the events (acks = -1), then saves the state changes, and applies them. Commits run one
   * at a time across the source's scopes, so a crash leaves at most one commit sent but not
   * saved: duplicates after a restart stay within one page. They queue on the Kafka thread
   * without waiting for this one between them: each is staged on top of those still under way,
   * and a failure drops the ones staged after it (they reject too).
   */
  commit(commit: Commit): Promise<CommitResult>;
  /** waits for the commits under way */
  flush(): Promise<void>;
  /** commits run so far and the time the queue spent running them (is Kafka the bottleneck?) */
  stats(): { commits: number; busyMs: number };
}

/**
 * Sends a commit's events (and DLQ records), then, once Kafka acknowledged them, its state
 * records — in one step, commits one at a time in the order given. Rejects when the events were
 * not sent (and refuses the lane's later commits until `reset`); resolves with `stateError` when
 * only the state write failed (and refuses them too).
 */
export interface CommitWriter {
  commit(input: {
    /** the source: a failure holds back only its own later commits */
    lane: string;
    topic: string;
    /** values as JSON text: the Kafka thread turns them into bytes, off this thread */
    messages: { key: string; value: string }[];
    dlq: DlqRecord[];
    state: StateRecord[];
  }): Promise<{ sent: SendResult; stateError?: Error; ms: number }>;
  /** lets the lane's commits through again (after its stages were dropped) */
  reset(lane: string): void;
}

export interface EmitterOptions {
  sourceId: string;
  contentTopic: string;
  writer: CommitWriter;
  state: SourceState;
  metrics: FetcherMetrics;
  logger: Logger;
  /** the command that re-reads a fixed item, for DLQ records */
  replay: string;
}

export function createEmitter(o: EmitterOptions): Emitter {
  const underway = new Set<Promise<void>>();
  const stats = { commits: 0, busyMs: 0 };
  const count = (kind: string, reason: string, n = 1) => {
    if (n > 0) o.metrics.events.inc({ source: o.sourceId, kind, reason }, n);
  };

  /** The commit's records, serialized here while the commits before it wait for Kafka. */
  function build(c: Commit) {
    const producedAt = new Date().toISOString();
    const messages: { key: string; value: string }[] = [];
    const dlq: DlqRecord[] = [];
    const accepted: Upsert[] = [];
    const dlqRecord = (contentId: string | undefined, error: string, payload?: unknown): DlqRecord => ({
      schemaVersion: SCHEMA_VERSION,
      kind: "dlq.record",
      sourceId: o.sourceId,
      producedAt,
      stage: "fetcher",
      reason: "invalid_content",
      error,
      ...(contentId && safeKey(o.sourceId, contentId)
        ? { key: safeKey(o.sourceId, contentId), contentId }
        : {}),
      ...(payload ? { payload: JSON.stringify(payload).slice(0, 64 * 1024) } : {}),
      replay: o.replay,
    });

    // normalize-content.ts builds valid contents by construction (its tests and the integration
    // tests parse them with the contract): a zod pass here cost a fifth of a page's CPU
    for (const u of c.upserts ?? []) {
      const event: ContentUpserted = {
        schemaVersion: SCHEMA_VERSION,
        sourceId: o.sourceId,
        producedAt,
        kind: "content.upserted",
        key: contentKey(o.sourceId, u.id),
        content: u.content,
      };
      messages.push({ key: event.key, value: JSON.stringify(event) });
      accepted.push(u);
    }
    for (const d of c.deletes ?? []) {
      const event: ContentDeleted = {
        schemaVersion: SCHEMA_VERSION,
        sourceId: o.sourceId,
        producedAt,
        kind: "content.deleted",
        key: contentKey(o.sourceId, d.id),
        contentId: d.id,
        reason: d.reason,
        ...(d.lastVersion !== undefined ? { lastVersion: d.lastVersion } : {}),
      };
      messages.push({ key: event.key, value: JSON.stringify(event) });
    }
    for (const i of c.invalid ?? []) dlq.push(dlqRecord(i.contentId, i.error, i.payload));
    return { messages, dlq, accepted };
  }

  function send(c: Commit): Promise<CommitResult> {
    const { messages, dlq, accepted } = build(c);
    // the state the commit leads to, applied only once Kafka acknowledged the events
    const staged = o.state.stage({
      items: [
        ...accepted.map((u): [string, ItemEntry] => [u.id, u.entry]),
        ...(c.deletes ?? []).map((d): [string, ItemEntry | undefined] => [d.id, d.next]),
        ...(c.entries ?? []),
      ],
      scope: c.scope,
    });
    /** the first failure: the stages after this one were built on it */
    const failed = () => {
      o.state.dropPending();
      o.writer.reset(o.sourceId);
    };
    const answer = o.writer.commit({
      lane: o.sourceId,
      topic: o.contentTopic,
      messages,
      dlq,
      state: staged.records,
    });
    return answer.then(
      ({ sent, stateError, ms }) => {
        stats.commits++;
        stats.busyMs += ms;
        if (stateError) {
          // the events went out: the state says so in memory and is saved with a later commit
          staged.unsaved();
          failed();
          throw stateError;
        }
        staged.saved();
        count("upserted", "changed", accepted.length);
        for (const d of c.deletes ?? []) count("deleted", d.reason);
        count("dlq", "invalid_content", dlq.length);
        count("dlq", "too_large", sent.tooLarge);
        if (dlq.length > 0 || sent.tooLarge > 0) {
          o.logger.warn({ invalid: dlq.length, tooLarge: sent.tooLarge }, "items sent to the DLQ");
        }
        return {
          upserted: accepted.length - sent.tooLarge,
          deleted: c.deletes?.length ?? 0,
          dlq: dlq.length + sent.tooLarge,
        };
      },
      (error) => {
        // refused for an earlier failure: already dropped with it. Anything else not first in line
        // (the Kafka thread is gone) leaves nothing to build on either
        if (staged.dropped() || (error as Error).name !== AFTER_FAILURE) failed();
        throw error;
      },
    );
  }

  return {
    commit(c) {
      let answer: Promise<CommitResult>;
      try {
        answer = send(c);
      } catch (error) {
        return Promise.reject(error);
      }
      const settled = answer.then(
        () => {},
        () => {},
      );
      underway.add(settled);
      void settled.then(() => underway.delete(settled));
      return answer;
    },
    flush: async () => {
      while (underway.size > 0) await Promise.all(underway);
    },
    stats: () => ({ ...stats }),
  };
}

function safeKey(sourceId: string, contentId: string): string | undefined {
  try {
    return contentKey(sourceId, contentId);
  } catch {
    return undefined;
  }
}
