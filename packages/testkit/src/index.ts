export { corpusDir, repoRoot } from "./corpus.ts";
export {
  readTopic,
  type TopicMessage,
  testBrokers,
  testKafka,
  topicSize,
  uniqueName,
  waitForKafka,
  withAdmin,
} from "./kafka.ts";
export { freePort, type OwnBroker, startOwnBroker } from "./own-broker.ts";
export { type ProcessResult, runProcess } from "./process.ts";
export { eventually } from "./wait.ts";
