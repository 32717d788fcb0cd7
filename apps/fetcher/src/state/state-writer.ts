import type { Kafka, Producer } from "kafkajs";
import type { StateRecord } from "./codec.ts";

/** Writes state records (header + changed items, tombstones for removed ones) to the state topic. */
export interface StateWriter {
  /** resolves once the broker acknowledged every record (acks = -1) */
  write(records: StateRecord[]): Promise<void>;
  disconnect(): Promise<void>;
}

/**
 * One producer per process for the state topic, apart from the event producer because state
 * removals are real tombstones (a null value), which the event producer does not send.
 */
export async function createStateWriter(kafka: Kafka, topic: string): Promise<StateWriter> {
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  return {
    async write(records) {
      if (records.length === 0) return;
      // one partition, one batch: the broker appends it whole or not at all. Naming the partition
      // spares the key hash kafkajs would compute for every record (a tenth of a state write's
      // CPU). Not compressed: the records are ~150 bytes of JSON, and a full sync writes one batch
      // per page on its critical path (gzip added a millisecond to each).
      const messages = records.map((r) => ({ key: r.key, value: r.value, partition: 0 }));
      await producer.send({ topic, acks: -1, messages });
    },
    disconnect: () => producer.disconnect(),
  };
}
