import type { Admin } from "kafkajs";

export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
/** the shortest DLQ retention an existing topic may have: a week to notice and replay */
export const MIN_DLQ_RETENTION_MS = 7 * 24 * 3600 * 1000;

export interface TopicSpec {
  name: string;
  partitions: number;
  configs: Record<string, string>;
}

export interface TopicOptions {
  /** topic name prefix, default `lumasnip` */
  prefix?: string;
  /** partitions of the content and snippet topics (the unit of consumer parallelism), default 6 */
  partitions?: number;
  replicationFactor?: number;
}

export const TOPIC_PREFIX_PATTERN = /^[a-zA-Z0-9._-]{1,100}$/;

/** The topic names (DESIGN.md "Data flow"). */
export function topicNames(prefix = "lumasnip") {
  if (!TOPIC_PREFIX_PATTERN.test(prefix)) throw new TypeError(`invalid topic prefix "${prefix}"`);
  return {
    content: `${prefix}.content.v1`,
    snippets: `${prefix}.snippets.v1`,
    dlq: `${prefix}.dlq.v1`,
    fetcherState: `${prefix}.fetcher-state.v1`,
  };
}
export type TopicNames = ReturnType<typeof topicNames>;

const compacted = {
  "cleanup.policy": "compact",
  "max.message.bytes": String(MAX_MESSAGE_BYTES),
  // let the cleaner run soon after a key changes, so a new subscriber reads little history
  "min.cleanable.dirty.ratio": "0.1",
};

/** Every topic with the configs the design needs; compaction makes the topic the table. */
export function topicSpecs(options: TopicOptions = {}): TopicSpec[] {
  const names = topicNames(options.prefix);
  const partitions = options.partitions ?? 6;
  return [
    { name: names.content, partitions, configs: { ...compacted } },
    { name: names.snippets, partitions, configs: { ...compacted } },
    {
      name: names.dlq,
      partitions: 1,
      configs: {
        "cleanup.policy": "delete",
        "max.message.bytes": String(MAX_MESSAGE_BYTES),
        "retention.ms": String(30 * 24 * 3600 * 1000),
      },
    },
    { name: names.fetcherState, partitions: 1, configs: { ...compacted } },
  ];
}

export class TopicConfigMismatchError extends Error {
  override name = "TopicConfigMismatchError";
  /** an operator has to change the cluster: retrying changes nothing */
  readonly retryable = false;
  readonly problems: string[];
  readonly context: { problems: string[] };
  constructor(problems: string[]) {
    super(
      `existing topics do not match what lumasnip needs:\n- ${problems.join("\n- ")}\n` +
        "Fix them with kafka-configs.sh --alter --entity-type topics --entity-name <topic> --add-config <name>=<value> " +
        "(or your cluster's console), or use a new topic prefix; see docs/contracts.md#topics",
    );
    this.problems = problems;
    this.context = { problems };
  }
}

const TOPIC_RESOURCE = 2; // kafkajs ConfigResourceTypes.TOPIC (a type-only import cannot carry the enum)

export interface EnsureTopicsResult {
  created: string[];
  existing: string[];
  /** acceptable differences worth a log line (fewer partitions: less consumer parallelism) */
  warnings: string[];
}

/**
 * Creates the missing topics with their configs and checks existing ones: a wrong cleanup policy
 * or a smaller message limit is an error, never silently accepted; fewer partitions than the
 * default is a warning (adding partitions later would move keys, so it is left to the operator).
 */
export async function ensureTopics(admin: Admin, options: TopicOptions = {}): Promise<EnsureTopicsResult> {
  const specs = topicSpecs(options);
  const present = new Set(await admin.listTopics());
  const missing = specs.filter((s) => !present.has(s.name));
  if (missing.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((s) => ({
        topic: s.name,
        numPartitions: s.partitions,
        replicationFactor: options.replicationFactor ?? -1,
        configEntries: Object.entries(s.configs).map(([name, value]) => ({ name, value })),
      })),
    });
  }
  const existing = specs.filter((s) => present.has(s.name));
  const problems: string[] = [];
  const warnings: string[] = [];
  if (existing.length > 0) {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: existing.map((s) => ({
        type: TOPIC_RESOURCE,
        name: s.name,
        configNames: ["cleanup.policy", "max.message.bytes", "retention.ms"],
      })),
    });
    const meta = await admin.fetchTopicMetadata({ topics: existing.map((s) => s.name) });
    for (const spec of existing) {
      const entries = resources.find((r) => r.resourceName === spec.name)?.configEntries ?? [];
      const value = (n: string) => entries.find((e) => e.configName === n)?.configValue;
      const policy = value("cleanup.policy");
      if (policy !== spec.configs["cleanup.policy"]) {
        problems.push(
          `${spec.name}: cleanup.policy is "${policy ?? "unknown"}", needs "${spec.configs["cleanup.policy"]}"`,
        );
      }
      const maxBytes = Number(value("max.message.bytes"));
      if (!(maxBytes >= MAX_MESSAGE_BYTES)) {
        problems.push(
          `${spec.name}: max.message.bytes is ${Number.isNaN(maxBytes) ? "unknown" : maxBytes}, needs at least ${MAX_MESSAGE_BYTES}`,
        );
      }
      // a DLQ that forgets its records before anyone looked at them loses the inputs it parked
      const wantRetention = Number(spec.configs["retention.ms"]);
      if (spec.configs["cleanup.policy"] === "delete" && wantRetention > 0) {
        const retention = Number(value("retention.ms"));
        if (retention !== -1 && !(retention >= MIN_DLQ_RETENTION_MS)) {
          problems.push(
            `${spec.name}: retention.ms is ${Number.isNaN(retention) ? "unknown" : retention}, needs at least ${MIN_DLQ_RETENTION_MS} (7 days) or -1`,
          );
        }
      }
      const parts = meta.topics.find((t) => t.name === spec.name)?.partitions.length ?? 0;
      if (parts < 1) problems.push(`${spec.name}: has no partitions`);
      else if (parts < spec.partitions) {
        warnings.push(
          `${spec.name}: has ${parts} partitions, ${spec.partitions} expected (less consumer parallelism)`,
        );
      }
    }
  }
  if (problems.length > 0) throw new TopicConfigMismatchError(problems);
  return { created: missing.map((s) => s.name), existing: existing.map((s) => s.name), warnings };
}
