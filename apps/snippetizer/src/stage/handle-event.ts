import type { OutMessage } from "@lumasnip/bus";
import { decodeMessage } from "@lumasnip/bus";
import { ContentEventSchema, type DlqReason, SCHEMA_VERSION, type SnippetsDeleted } from "@lumasnip/schema";
import type { Snippetizer } from "@lumasnip/snippetize";
import type { KafkaMessage } from "kafkajs";
import { DELETED } from "./last-hashes.ts";

/** What one content event comes to. `memo` is what the stage remembers once the output is acknowledged. */
export type Outcome =
  | {
      kind: "produce";
      event: "upserted" | "deleted";
      key: string;
      message: OutMessage;
      memo: string;
      snippets: number;
      ms: number;
    }
  | { kind: "unchanged"; event: "upserted" | "deleted"; key: string; ms: number }
  | { kind: "dlq"; reason: DlqReason; key: string | undefined; error: string };

/**
 * Decodes a `lumasnip.content.v1` message and snippetizes it. `lastHash` answers what was last
 * produced for a key (this batch's pending output included), so an unchanged content, or a
 * delete already produced, produces nothing.
 */
export async function handleEvent(
  message: KafkaMessage,
  snippetizer: Snippetizer,
  lastHash: (key: string) => string | undefined,
): Promise<Outcome> {
  const decoded = decodeMessage(ContentEventSchema, message);
  if (!decoded.ok) return { kind: "dlq", reason: "invalid_event", key: decoded.key, error: decoded.error };
  const event = decoded.value;
  if (event.key !== decoded.key) {
    return {
      kind: "dlq",
      reason: "invalid_event",
      key: decoded.key,
      error: `the message key ${decoded.key} differs from the event's key ${event.key}`,
    };
  }
  const started = performance.now();
  if (event.kind === "content.deleted") {
    if (lastHash(event.key) === DELETED)
      return { kind: "unchanged", event: "deleted", key: event.key, ms: 0 };
    const value: SnippetsDeleted = {
      schemaVersion: SCHEMA_VERSION,
      sourceId: event.sourceId,
      producedAt: new Date().toISOString(),
      kind: "snippets.deleted",
      key: event.key,
      contentId: event.contentId,
      reason: event.reason,
    };
    return {
      kind: "produce",
      event: "deleted",
      key: event.key,
      message: { key: event.key, value },
      memo: DELETED,
      snippets: 0,
      ms: 0,
    };
  }
  let set: Awaited<ReturnType<Snippetizer["snippetize"]>>;
  try {
    set = await snippetizer.snippetize(event);
  } catch (error) {
    return {
      kind: "dlq",
      reason: "snippetize_failed",
      key: event.key,
      error: `snippetizing ${event.key} (version ${event.content.version}) failed: ${(error as Error).message}. Fix the snippetizer or the content, then replay`,
    };
  }
  const ms = performance.now() - started;
  if (lastHash(event.key) === set.contentHash)
    return { kind: "unchanged", event: "upserted", key: event.key, ms };
  const snippets = set.languages.reduce((n, l) => n + l.snippets.length, 0);
  return {
    kind: "produce",
    event: "upserted",
    key: event.key,
    message: { key: event.key, value: set },
    memo: set.contentHash,
    snippets,
    ms,
  };
}
