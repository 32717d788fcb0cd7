import { describe, expect, it } from "vitest";
import { kafkaConnectionFromEnv } from "./kafka-config.ts";

describe("kafkaConnectionFromEnv", () => {
  it("reads a broker list", () => {
    expect(kafkaConnectionFromEnv({ KAFKA_BROKERS: "127.0.0.1:9092, b:19092" }, "x").brokers).toEqual([
      "127.0.0.1:9092",
      "b:19092",
    ]);
  });

  it("names the variable when the broker list is missing or malformed", () => {
    expect(() => kafkaConnectionFromEnv({}, "x")).toThrow(/KAFKA_BROKERS is not set/);
    expect(() => kafkaConnectionFromEnv({ KAFKA_BROKERS: "localhost" }, "x")).toThrow(/not host:port/);
  });

  it("passes SASL and TLS through without echoing the password", () => {
    const c = kafkaConnectionFromEnv(
      { KAFKA_BROKERS: "k:9093", KAFKA_SSL: "true", KAFKA_SASL_MECHANISM: "SCRAM-SHA-512", KAFKA_SASL_USERNAME: "u", KAFKA_SASL_PASSWORD: "hunter2" },
      "x",
    );
    expect(c.ssl).toBe(true);
    expect(c.sasl?.mechanism).toBe("scram-sha-512");
    let message = "";
    try {
      kafkaConnectionFromEnv({ KAFKA_BROKERS: "k:1", KAFKA_SASL_MECHANISM: "gssapi", KAFKA_SASL_PASSWORD: "hunter2" }, "x");
    } catch (e) {
      message = String(e);
    }
    expect(message).toMatch(/not one of/);
    expect(message).not.toContain("hunter2");
  });
});
