import { type DlqRecord, type DlqStage, MAX_MESSAGE_BYTES, SCHEMA_VERSION } from "@lumasnip/schema";
import { CompressionTypes, type Kafka, type Producer } from "kafkajs";

export interface OutMessage {
  key: string;
  value: unknown;
  headers?: Record<string, string>;
}

export interface SendResult {
  sent: number;
  /** messages over the size limit, sent to the DLQ as `too_large` instead */
  tooLarge: number;
}

export interface EventProducer {
  /** Sends keyed JSON values with acks=-1; resolves once the broker acknowledged all of them. */
  send(topic: string, messages: OutMessage[]): Promise<SendResult>;
  /** Sends DLQ records (never dropped: a record too large for the DLQ loses its payload instead). */
  sendDlq(records: DlqRecord[]): Promise<void>;
  disconnect(): Promise<void>;
}

export interface EventProducerOptions {
  dlqTopic: string;
  stage: DlqStage;
  /** the topics' max.message.bytes; a value over it (minus framing) goes to the DLQ */
  maxMessageBytes?: number;
  /** messages bigger than this are sent alone, so one large content cannot push a batch over */
  aloneAboveBytes?: number;
}

// record framing + headers + the key: the budget below max.message.bytes a value may not use
const FRAMING_BYTES = 16 * 1024;

/** A value as the bytes of its JSON; a Buffer is taken as JSON a caller serialized ahead of sending. */
export function serialize(value: unknown): Buffer {
  return Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value));
}

/**
 * The one producer every stage uses: idempotent (kafkajs allows it with one request in flight),
 * acks=-1, gzip, keyed by the content key, size-checked against the topic limit.
 */
export async function createEventProducer(
  kafka: Kafka,
  options: EventProducerOptions,
): Promise<EventProducer> {
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  const limit = (options.maxMessageBytes ?? MAX_MESSAGE_BYTES) - FRAMING_BYTES;
  const alone = options.aloneAboveBytes ?? 1024 * 1024;

  async function sendBatch(
    topic: string,
    batch: { key: string; value: Buffer; headers?: Record<string, string> }[],
  ) {
    if (batch.length === 0) return;
    await producer.send({ topic, acks: -1, compression: CompressionTypes.GZIP, messages: batch });
  }

  async function sendDlq(records: DlqRecord[]): Promise<void> {
    const out = records.map((r) => {
      let value = serialize(r);
      if (value.byteLength > limit) value = serialize({ ...r, payload: undefined });
      return { key: r.key ?? "unknown", value };
    });
    await sendBatch(options.dlqTopic, out);
  }

  return {
    async send(topic, messages) {
      let batch: { key: string; value: Buffer; headers?: Record<string, string> }[] = [];
      const tooLarge: DlqRecord[] = [];
      let sent = 0;
      for (const m of messages) {
        const value = serialize(m.value);
        if (value.byteLength > limit) {
          tooLarge.push(tooLargeRecord(options.stage, topic, m, value.byteLength, limit));
          continue;
        }
        if (value.byteLength > alone) {
          await sendBatch(topic, batch);
          sent += batch.length;
          batch = [];
          await sendBatch(topic, [{ key: m.key, value, headers: m.headers }]);
          sent += 1;
          continue;
        }
        batch.push({ key: m.key, value, headers: m.headers });
      }
      await sendBatch(topic, batch);
      sent += batch.length;
      if (tooLarge.length > 0) await sendDlq(tooLarge);
      return { sent, tooLarge: tooLarge.length };
    },
    sendDlq,
    disconnect: () => producer.disconnect(),
  };
}

function tooLargeRecord(
  stage: DlqStage,
  topic: string,
  m: OutMessage,
  bytes: number,
  limit: number,
): DlqRecord {
  const [sourceId, contentId] = m.key.split(":");
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: "dlq.record",
    sourceId,
    producedAt: new Date().toISOString(),
    stage,
    reason: "too_large",
    error:
      `the ${topic} value for ${m.key} is ${bytes} bytes, over the ${limit}-byte limit; it was not sent. ` +
      "Raise the topic's max.message.bytes (and the broker's message.max.bytes) or trim the content at the source",
    key: m.key,
    contentId,
    size: { bytes, limit },
  };
}
