import { type DlqReason, type DlqRecord, parseContentKey, SCHEMA_VERSION } from "@lumasnip/schema";
import type { KafkaMessage } from "kafkajs";

const MAX_PAYLOAD_CHARS = 1024 * 1024;

/** A DLQ record for a content event the snippetizer could not turn into snippets. */
export function stageDlqRecord(input: {
  reason: DlqReason;
  error: string;
  topic: string;
  partition: number;
  groupId: string;
  message: KafkaMessage;
  key: string | undefined;
}): DlqRecord {
  const { topic, partition, message, key } = input;
  const ids = key ? parseContentKey(key) : undefined;
  const payload = message.value?.toString();
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: "dlq.record",
    ...(ids ? { sourceId: ids.sourceId } : {}),
    producedAt: new Date().toISOString(),
    stage: "snippetizer",
    reason: input.reason,
    error: input.error,
    ...(key ? { key } : {}),
    ...(ids ? { contentId: ids.contentId } : {}),
    original: { topic, partition, offset: message.offset },
    ...(payload !== undefined ? { payload: payload.slice(0, MAX_PAYLOAD_CHARS) } : {}),
    // the content topic is compacted: a fixed snippetizer can also re-read everything (docs/snippets.md#reprocess)
    replay:
      `stop the snippetizer, then: pnpm dlq -- replay --stage snippetizer --group ${input.groupId}${key ? ` --key ${key}` : ""} ` +
      `(or: kafka-consumer-groups.sh --bootstrap-server <brokers> --group ${input.groupId} --topic ${topic}:${partition} ` +
      `--reset-offsets --to-offset ${message.offset} --execute)`,
  };
}
