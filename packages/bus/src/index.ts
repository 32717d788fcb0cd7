export { decodeMessage, type Decoded } from "./consumer.ts";
export { createKafka, KafkaConfigError, kafkaConnectionFromEnv, type KafkaConnection } from "./kafka-config.ts";
export { createEventProducer, serialize, type EventProducer, type EventProducerOptions, type OutMessage, type SendResult } from "./producer.ts";
export { readDlq, replayPositions } from "./dlq-reader.ts";
export { GroupBusyError, isStage, moveGroup, type Stage, STAGES } from "./stage-groups.ts";
export { type ConsumedFailure, consumedDlqRecord } from "./dlq-record.ts";
