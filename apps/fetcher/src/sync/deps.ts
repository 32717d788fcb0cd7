import type { EventProducer } from "@lumasnip/bus";
import type { TopicNames } from "@lumasnip/schema";
import type { Logger } from "@lumasnip/service";
import type { Kafka } from "kafkajs";
import type { FetcherMetrics } from "../ops/metrics.ts";
import type { StateWriter } from "../state/state-writer.ts";
import type { CommitWriter } from "./emitter.ts";

/** What every source of one fetcher process shares: one Kafka client, producer, metrics, logger. */
export interface ProcessDeps {
  kafka: Kafka;
  topics: TopicNames;
  topicPrefix: string;
  producer: EventProducer;
  stateWriter: StateWriter;
  /** a commit's events, then its state, in one step (emitter.ts) */
  writer: CommitWriter;
  metrics: FetcherMetrics;
  logger: Logger;
  lockSessionTimeoutMs: number;
  /** the fetch LumApps is called with (tests wrap it to count calls) */
  fetch?: typeof fetch;
  /** ms clock */
  now?: () => number;
}

export const lockGroupId = (topicPrefix: string, sourceId: string) => `${topicPrefix}-fetcher-${sourceId}`;
