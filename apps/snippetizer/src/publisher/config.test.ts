import { ConfigError } from "@lumasnip/service";
import { describe, expect, it } from "vitest";
import { publisherConfigFromEnv } from "./config.ts";

describe("publisherConfigFromEnv", () => {
  it("fills the defaults around the edge URL and key", () => {
    const c = publisherConfigFromEnv({
      PUBLISHER_EDGE_URL: "http://127.0.0.1:8787",
      PUBLISHER_EDGE_KEY: "lsk_secret-value",
    });
    expect(c).toMatchObject({
      edgeUrl: "http://127.0.0.1:8787",
      groupId: "lumasnip-edge-publisher",
      topicPrefix: "lumasnip",
      opsPort: 9466,
    });
    expect(c.edgeKey.reveal()).toBe("lsk_secret-value");
    expect(JSON.stringify(c)).not.toContain("secret-value");
    expect(
      publisherConfigFromEnv({
        PUBLISHER_EDGE_URL: "https://e.example",
        PUBLISHER_EDGE_KEY: "k",
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
});
