import { testKafka, uniqueName } from "@lumasnip/testkit";
import type { Admin } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ensureTopics,
  MAX_MESSAGE_BYTES,
  TopicConfigMismatchError,
  topicNames,
  topicSpecs,
} from "./topics.ts";

const TOPIC = 2; // kafkajs ConfigResourceTypes.TOPIC

let admin: Admin;
const prefixes: string[] = [];

function newPrefix(): string {
  const prefix = uniqueName("schema-topics");
  prefixes.push(prefix);
  return prefix;
}

async function configsOf(name: string): Promise<Record<string, string>> {
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: TOPIC, name }],
  });
  return Object.fromEntries((resources[0]?.configEntries ?? []).map((e) => [e.configName, e.configValue]));
}

beforeAll(async () => {
  admin = testKafka().admin();
  await admin.connect();
});

afterAll(async () => {
  const mine = (await admin.listTopics()).filter((t) => prefixes.some((p) => t.startsWith(`${p}.`)));
  if (mine.length > 0) await admin.deleteTopics({ topics: mine });
  await admin.disconnect();
});

describe("ensureTopics against a real broker", () => {
  it("creates every topic with its partitions, cleanup policy and 16 MiB message limit", async () => {
    const prefix = newPrefix();
    const result = await ensureTopics(admin, { prefix, partitions: 3 });
    const names = topicNames(prefix);
    expect(result.created.sort()).toEqual(Object.values(names).sort());
    expect(result.existing).toEqual([]);

    const meta = await admin.fetchTopicMetadata({ topics: Object.values(names) });
    const partitions = Object.fromEntries(meta.topics.map((t) => [t.name, t.partitions.length]));
    expect(partitions).toEqual({
      [names.content]: 3,
      [names.snippets]: 3,
      [names.dlq]: 1,
      [names.fetcherState]: 1,
    });

    for (const name of [names.content, names.snippets, names.fetcherState]) {
      const c = await configsOf(name);
      expect(c["cleanup.policy"], name).toBe("compact");
      expect(c["max.message.bytes"], name).toBe(String(MAX_MESSAGE_BYTES));
      expect(c["min.cleanable.dirty.ratio"], name).toBe("0.1");
    }
    const dlq = await configsOf(names.dlq);
    expect(dlq["cleanup.policy"]).toBe("delete");
    expect(dlq["max.message.bytes"]).toBe("16777216");
    expect(dlq["retention.ms"]).toBe(String(30 * 24 * 3600 * 1000));
  });

  it("changes nothing on a second call and reports every topic as existing", async () => {
    const prefix = newPrefix();
    await ensureTopics(admin, { prefix, partitions: 2 });
    const again = await ensureTopics(admin, { prefix, partitions: 2 });
    expect(again.created).toEqual([]);
    expect(again.existing.sort()).toEqual(Object.values(topicNames(prefix)).sort());
    expect(again.warnings).toEqual([]);
  });

  it("reports an existing topic with the wrong cleanup policy and message limit, naming both", async () => {
    const prefix = newPrefix();
    const names = topicNames(prefix);
    // what a hand-made topic on a cluster with Kafka's stock defaults looks like
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: names.snippets,
          numPartitions: 2,
          configEntries: [
            { name: "cleanup.policy", value: "delete" },
            { name: "max.message.bytes", value: "1048588" },
          ],
        },
      ],
    });
    const error = await ensureTopics(admin, { prefix, partitions: 2 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TopicConfigMismatchError);
    const mismatch = error as TopicConfigMismatchError;
    expect(mismatch.problems).toEqual([
      `${names.snippets}: cleanup.policy is "delete", needs "compact"`,
      `${names.snippets}: max.message.bytes is 1048588, needs at least 16777216`,
    ]);
    expect(mismatch.message).toContain(names.snippets);
    expect(mismatch.retryable).toBe(false);
    // the missing topics were still created, so fixing the one config is all that is left
    expect(await admin.listTopics()).toEqual(
      expect.arrayContaining([names.content, names.dlq, names.fetcherState]),
    );
  });

  it("reports a dead-letter topic that would forget its records within a week", async () => {
    const prefix = newPrefix();
    const names = topicNames(prefix);
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: names.dlq,
          configEntries: [
            { name: "max.message.bytes", value: String(16 * 1024 * 1024) },
            { name: "retention.ms", value: "1000" },
          ],
        },
      ],
    });
    const error = await ensureTopics(admin, { prefix, partitions: 2 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as TopicConfigMismatchError).problems).toEqual([
      `${names.dlq}: retention.ms is 1000, needs at least 604800000 (7 days) or -1`,
    ]);
  });

  it("accepts a topic with fewer partitions, with a warning", async () => {
    const prefix = newPrefix();
    const spec = topicSpecs({ prefix }).find((s) => s.name === topicNames(prefix).content)!;
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: spec.name,
          numPartitions: 1,
          configEntries: Object.entries(spec.configs).map(([name, value]) => ({ name, value })),
        },
      ],
    });
    const result = await ensureTopics(admin, { prefix });
    expect(result.existing).toEqual([spec.name]);
    expect(result.warnings).toEqual([
      `${spec.name}: has 1 partitions, 6 expected (less consumer parallelism)`,
    ]);
  });
});
