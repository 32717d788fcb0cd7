import { ConfigError } from "@lumasnip/service";
import { describe, expect, it } from "vitest";
import { publisherConfigFromEnv } from "./config.ts";

// the shape `keys create` prints: lsk_ and 43 base64url characters
const KEY = `lsk_${"secret-value".padEnd(43, "x")}`;

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    publisherConfigFromEnv(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe("publisherConfigFromEnv", () => {
  it("fills the defaults around the edge URL and key", () => {
    const c = publisherConfigFromEnv({
      PUBLISHER_EDGE_URL: "http://127.0.0.1:8787",
      PUBLISHER_EDGE_KEY: KEY,
    });
    expect(c).toMatchObject({
      edgeUrl: "http://127.0.0.1:8787",
      groupId: "lumasnip-edge-publisher",
      topicPrefix: "lumasnip",
      opsPort: 9466,
    });
    expect(c.edgeKey.reveal()).toBe(KEY);
    expect(JSON.stringify(c)).not.toContain("secret-value");
    expect(
      publisherConfigFromEnv({
        PUBLISHER_EDGE_URL: "https://e.example",
        PUBLISHER_EDGE_KEY: KEY,
        PUBLISHER_OPS_PORT: "off",
      }).opsPort,
    ).toBeNull();
  });

  it("names each bad variable without echoing its value", () => {
    let error: unknown;
    try {
      publisherConfigFromEnv({
        PUBLISHER_EDGE_URL: "ftp://nope",
        PUBLISHER_CONCURRENCY: "0",
        PUBLISHER_EDGE_KEY: "",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as ConfigError).problems.join("\n");
    expect(text).toMatch(/edgeUrl \(PUBLISHER_EDGE_URL\)/);
    expect(text).toMatch(/edgeKey \(PUBLISHER_EDGE_KEY\)/);
    expect(text).toMatch(/concurrency \(PUBLISHER_CONCURRENCY\)/);
    expect(text).not.toContain("ftp://nope");
  });

  it("refuses a key the edge could never accept (spaces, control characters, another shape), without echoing it", () => {
    const base = { PUBLISHER_EDGE_URL: "https://e.example" };
    for (const key of ["bad key with spaces", `${KEY} `, `${KEY}\u0000`, "lsk_short"]) {
      const problems = problemsOf({ ...base, PUBLISHER_EDGE_KEY: key });
      expect(problems, JSON.stringify(key)).toHaveLength(1);
      expect(problems[0]).toMatch(/^edgeKey \(PUBLISHER_EDGE_KEY\): /);
      expect(problems[0]).not.toContain(key);
    }
  });

  it("refuses a first backoff longer than the longest, naming both variables", () => {
    expect(
      problemsOf({
        PUBLISHER_EDGE_URL: "https://e.example",
        PUBLISHER_EDGE_KEY: KEY,
        PUBLISHER_BACKOFF_INITIAL_MS: "20000",
        PUBLISHER_BACKOFF_MAX_MS: "10",
      }),
    ).toEqual(["backoffInitialMs (PUBLISHER_BACKOFF_INITIAL_MS): must not exceed PUBLISHER_BACKOFF_MAX_MS"]);
  });
});
