import { type SendResult, serialize } from "@lumasnip/bus";
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
   * Sends the events (acks = -1), then applies and saves the state changes. Commits run one at a
   * time across the source's scopes, so a crash leaves at most one commit sent but not saved:
   * duplicates after a restart stay within one page.
   */
  commit(commit: Commit): Promise<CommitResult>;
  /** waits for the commits under way */
  flush(): Promise<void>;
  /** commits run so far and the time the queue spent running them (is Kafka the bottleneck?) */
  stats(): { commits: number; busyMs: number };
}

/**
 * Sends a commit's events (and DLQ records), then, once Kafka acknowledged them, its state
 * records — in one step, so the state write does not wait for this thread in between. Rejects
 * when the events could not be sent; resolves with `stateError` when only the state write failed.
 */
export interface CommitWriter {
  commit(input: {
    topic: string;
    messages: { key: string; value: Buffer }[];
    dlq: DlqRecord[];
    state: StateRecord[];
  }): Promise<{ sent: SendResult; stateError?: Error }>;
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
  let chain: Promise<unknown> = Promise.resolve();
  const stats = { commits: 0, busyMs: 0 };
  const count = (kind: string, reason: string, n = 1) => {
    if (n > 0) o.metrics.events.inc({ source: o.sourceId, kind, reason }, n);
  };

  /**
   * The commit's records, serialized before it joins the queue: commits run one at a time, so
   * the JSON of a page's bodies is made while the commit before it waits for Kafka, not after.
   */
  function build(c: Commit) {
    const producedAt = new Date().toISOString();
    const messages: { key: string; value: Buffer }[] = [];
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
      messages.push({ key: event.key, value: serialize(event) });
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
      messages.push({ key: event.key, value: serialize(event) });
    }
    for (const i of c.invalid ?? []) dlq.push(dlqRecord(i.contentId, i.error, i.payload));
    return { messages, dlq, accepted };
  }

  async function run(c: Commit, built: ReturnType<typeof build>): Promise<CommitResult> {
    const { messages, dlq, accepted } = built;

    // the state the commit leads to, applied only once Kafka acknowledged the events
    const staged = o.state.stage({
      items: [
        ...accepted.map((u): [string, ItemEntry] => [u.id, u.entry]),
        ...(c.deletes ?? []).map((d): [string, ItemEntry | undefined] => [d.id, d.next]),
        ...(c.entries ?? []),
      ],
      scope: c.scope,
    });
    const { sent, stateError } = await o.writer.commit({
      topic: o.contentTopic,
      messages,
      dlq,
      state: staged.records,
    });
    if (stateError) {
      // the events went out: the state says so in memory and is saved with the next commit
      staged.unsaved();
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
  }

  return {
    commit(c) {
      let built: ReturnType<typeof build>;
      try {
        built = build(c);
      } catch (error) {
        return Promise.reject(error);
      }
      const next = chain.then(async () => {
        const started = performance.now();
        try {
          return await run(c, built);
        } finally {
          stats.commits++;
          stats.busyMs += performance.now() - started;
        }
      });
      chain = next.catch(() => {});
      return next;
    },
    flush: () => chain.then(() => {}),
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
