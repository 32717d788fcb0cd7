export { type Decoded, decodeMessage } from "./consumer.ts";
export { readDlq, replayPositions } from "./dlq-reader.ts";
export { type ConsumedFailure, consumedDlqRecord } from "./dlq-record.ts";
export {
  createKafka,
  KafkaConfigError,
  type KafkaConnection,
  kafkaConnectionFromEnv,
} from "./kafka-config.ts";
export {
  createEventProducer,
  type EventProducer,
  type EventProducerOptions,
  type OutMessage,
  type SendResult,
  serialize,
} from "./producer.ts";
export { GroupBusyError, isStage, moveGroup, STAGES, type Stage } from "./stage-groups.ts";
