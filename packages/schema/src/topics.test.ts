import { describe, expect, it } from "vitest";
import { MAX_MESSAGE_BYTES, TopicConfigMismatchError, topicNames, topicSpecs } from "./topics.ts";

describe("topic names", () => {
  it("are versioned names under the lumasnip prefix by default", () => {
    expect(topicNames()).toEqual({
      content: "lumasnip.content.v1",
      snippets: "lumasnip.snippets.v1",
      dlq: "lumasnip.dlq.v1",
      fetcherState: "lumasnip.fetcher-state.v1",
    });
  });

  it("take a configurable prefix and refuse one Kafka would not accept", () => {
    expect(topicNames("staging-eu").snippets).toBe("staging-eu.snippets.v1");
    for (const bad of ["", "a b", "a/b", "x".repeat(101)])
      expect(() => topicNames(bad), bad).toThrow(/invalid topic prefix/);
  });
});

describe("topic specs", () => {
  it("make the content, snippet and state topics compacted with a 16 MiB message limit", () => {
    const specs = topicSpecs();
    expect(MAX_MESSAGE_BYTES).toBe(16 * 1024 * 1024);
    for (const name of ["lumasnip.content.v1", "lumasnip.snippets.v1", "lumasnip.fetcher-state.v1"]) {
      const spec = specs.find((s) => s.name === name);
      expect(spec?.configs["cleanup.policy"], name).toBe("compact");
      expect(spec?.configs["max.message.bytes"], name).toBe("16777216");
    }
  });

  it("keep DLQ records for 30 days instead of compacting them", () => {
    const dlq = topicSpecs().find((s) => s.name === "lumasnip.dlq.v1");
    expect(dlq?.configs["cleanup.policy"]).toBe("delete");
    expect(dlq?.configs["retention.ms"]).toBe(String(30 * 24 * 3600 * 1000));
    expect(dlq?.partitions).toBe(1);
  });

  it("give content and snippets 6 partitions unless told otherwise", () => {
    expect(
      topicSpecs()
        .filter((s) => s.partitions === 6)
        .map((s) => s.name),
    ).toEqual(["lumasnip.content.v1", "lumasnip.snippets.v1"]);
    expect(
      topicSpecs({ partitions: 12, prefix: "p" }).find((s) => s.name === "p.content.v1")?.partitions,
    ).toBe(12);
  });

  it("report mismatches as one non-retryable error listing each problem", () => {
    const e = new TopicConfigMismatchError(['t.v1: cleanup.policy is "delete", needs "compact"']);
    expect(e.retryable).toBe(false);
    expect(e.message).toContain('- t.v1: cleanup.policy is "delete", needs "compact"');
    expect(e.message).toContain("kafka-configs.sh");
  });
});
