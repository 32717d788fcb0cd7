import { type DlqReason, type DlqRecord, SCHEMA_VERSION } from "@lumasnip/schema";
import type { KafkaMessage } from "kafkajs";

const MAX_PAYLOAD_CHARS = 1024 * 1024;

/** A DLQ record for a snippet event the publisher gave up on, with the command that replays it. */
export function dlqRecord(input: {
  reason: DlqReason;
  error: string;
  topic: string;
  partition: number;
  groupId: string;
  message: KafkaMessage;
  key: string | undefined;
}): DlqRecord {
  const { topic, partition, message, key } = input;
  const [sourceId, contentId] = key?.includes(":")
    ? (key.split(/:(.*)/s) as [string, string])
    : [undefined, undefined];
  const payload = message.value?.toString();
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: "dlq.record",
    ...(sourceId ? { sourceId } : {}),
    producedAt: new Date().toISOString(),
    stage: "publisher",
    reason: input.reason,
    error: input.error,
    ...(key ? { key } : {}),
    ...(contentId ? { contentId } : {}),
    original: { topic, partition, offset: message.offset },
    ...(payload !== undefined ? { payload: payload.slice(0, MAX_PAYLOAD_CHARS) } : {}),
    // the topic is compacted: the content's latest set is also re-published by any later change
    replay:
      `stop the publisher, then: pnpm dlq -- replay --stage publisher --group ${input.groupId}${key ? ` --key ${key}` : ""} ` +
      `(or: kafka-consumer-groups.sh --bootstrap-server <brokers> --group ${input.groupId} --topic ${topic}:${partition} ` +
      `--reset-offsets --to-offset ${message.offset} --execute)`,
  };
}
