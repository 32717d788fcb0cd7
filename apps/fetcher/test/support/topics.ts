import { readTopic as readTopicText } from "@lumasnip/testkit";
import type { Kafka } from "kafkajs";

export interface ReadMessage {
  key: string | undefined;
  value: unknown;
  partition: number;
  offset: string;
}

/** Every message of a topic, from the beginning to its current end, values parsed as JSON (null: none). */
export async function readTopic(kafka: Kafka, topic: string, timeoutMs = 60_000): Promise<ReadMessage[]> {
  const messages = await readTopicText(kafka, topic, timeoutMs);
  return messages.map((m) => ({ ...m, value: m.value === undefined ? null : JSON.parse(m.value) }));
}
