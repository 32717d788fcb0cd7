import { ConfigError } from "@lumasnip/service";
import { describe, expect, it } from "vitest";
import { stageConfigFromEnv } from "./config.ts";

describe("stageConfigFromEnv", () => {
  it("has working defaults", () => {
    const c = stageConfigFromEnv({});
    expect(c).toMatchObject({
      topicPrefix: "lumasnip",
      groupId: "lumasnip-snippetizer",
      opsPort: 9465,
      concurrency: 2,
    });
    expect(c.settings.maxTokens).toBe(400);
  });

  it("reads every variable, `off` for the ops port, and settings as JSON", () => {
    const c = stageConfigFromEnv({
      LUMASNIP_TOPIC_PREFIX: "t1",
      SNIPPETIZER_GROUP_ID: "g",
      SNIPPETIZER_OPS_PORT: "off",
      SNIPPETIZER_SETTINGS: '{"maxTokens": 300, "languages": ["en"]}',
    });
    expect(c).toMatchObject({ topicPrefix: "t1", groupId: "g", opsPort: null });
    expect(c.settings).toMatchObject({ maxTokens: 300, languages: ["en"] });
  });

  it("names the variable of a bad value and never echoes it", () => {
    expect(() => stageConfigFromEnv({ SNIPPETIZER_CONCURRENCY: "lots" })).toThrow(/SNIPPETIZER_CONCURRENCY/);
    expect(() => stageConfigFromEnv({ SNIPPETIZER_SETTINGS: "{bad" })).toThrow(ConfigError);
    expect(() => stageConfigFromEnv({ SNIPPETIZER_SETTINGS: '{"maxTokens": 5}' })).toThrow(/maxTokens/);
  });

  it("reports a number far out of range as one problem, with the range it must be in", () => {
    let problems: string[] = [];
    try {
      stageConfigFromEnv({ SNIPPETIZER_HASH_MEMORY: "1e99" });
    } catch (e) {
      problems = (e as ConfigError).problems;
    }
    expect(problems).toEqual(["hashMemory (SNIPPETIZER_HASH_MEMORY): an integer from 0 to 10000000"]);
  });
});
