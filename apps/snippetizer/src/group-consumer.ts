import type { Consumer, ConsumerConfig, Kafka } from "kafkajs";

/**
 * The consumer the stage and the publisher both run: offsets committed by hand, and a crash after
 * the retries is final (restartOnFailure false), so the process exits and its supervisor restarts it.
 */
export function createGroupConsumer(kafka: Kafka, options: ConsumerConfig): Consumer {
  return kafka.consumer({
    sessionTimeout: 30_000,
    heartbeatInterval: 3_000,
    retry: { retries: 8, restartOnFailure: async () => false },
    ...options,
  });
}
