export { createKafka, KafkaConfigError, kafkaConnectionFromEnv, type KafkaConnection } from "./kafka-config.ts";
