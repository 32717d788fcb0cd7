import { type DlqReason, type DlqRecord, parseContentKey, SCHEMA_VERSION } from "@lumasnip/schema";
import type { KafkaMessage } from "kafkajs";
import type { Stage } from "./stage-groups.ts";

const MAX_PAYLOAD_CHARS = 1024 * 1024;

export interface ConsumedFailure {
  stage: Stage;
  reason: DlqReason;
  error: string;
  topic: string;
  partition: number;
  groupId: string;
  message: KafkaMessage;
  key: string | undefined;
}

/**
 * The DLQ record of an input a consuming stage gave up on: where it was read (for replay), the
 * input itself when it fits, and the command that replays it (`pnpm dlq`, or Kafka's own tools).
 */
export function consumedDlqRecord(f: ConsumedFailure): DlqRecord {
  const { topic, partition, message, key } = f;
  const ids = key ? parseContentKey(key) : undefined;
  const payload = message.value?.toString();
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: "dlq.record",
    ...(ids ? { sourceId: ids.sourceId } : {}),
    producedAt: new Date().toISOString(),
    stage: f.stage,
    reason: f.reason,
    error: f.error,
    ...(key ? { key } : {}),
    ...(ids ? { contentId: ids.contentId } : {}),
    original: { topic, partition, offset: message.offset },
    ...(payload !== undefined ? { payload: payload.slice(0, MAX_PAYLOAD_CHARS) } : {}),
    replay:
      `stop the ${f.stage}, then: pnpm dlq -- replay --stage ${f.stage} --group ${f.groupId}${key ? ` --key ${key}` : ""} ` +
      `(or: kafka-consumer-groups.sh --bootstrap-server <brokers> --group ${f.groupId} --topic ${topic}:${partition} ` +
      `--reset-offsets --to-offset ${message.offset} --execute)`,
  };
}
