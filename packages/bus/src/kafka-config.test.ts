import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KafkaConfigError, kafkaConnectionFromEnv } from "./kafka-config.ts";

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
      {
        KAFKA_BROKERS: "k:9093",
        KAFKA_SSL: "true",
        KAFKA_SASL_MECHANISM: "SCRAM-SHA-512",
        KAFKA_SASL_USERNAME: "u",
        KAFKA_SASL_PASSWORD: "hunter2",
      },
      "x",
    );
    expect(c.ssl).toBe(true);
    expect(c.sasl?.mechanism).toBe("scram-sha-512");
    let message = "";
    try {
      kafkaConnectionFromEnv(
        { KAFKA_BROKERS: "k:1", KAFKA_SASL_MECHANISM: "gssapi", KAFKA_SASL_PASSWORD: "hunter2" },
        "x",
      );
    } catch (e) {
      message = String(e);
    }
    expect(message).toMatch(/not one of/);
    expect(message).not.toContain("hunter2");
  });
});

describe("KAFKA_SSL", () => {
  const base = { KAFKA_BROKERS: "k:9093" };

  it("reads true/false/1/0/yes/no in any case around spaces, and empty as false", () => {
    for (const v of ["true", "TRUE ", " 1", "Yes"])
      expect(kafkaConnectionFromEnv({ ...base, KAFKA_SSL: v }, "x").ssl).toBe(true);
    for (const v of ["false", "0", "NO", "", " "])
      expect(kafkaConnectionFromEnv({ ...base, KAFKA_SSL: v }, "x").ssl).toBe(false);
    expect(kafkaConnectionFromEnv(base, "x").ssl).toBe(false);
  });

  it("refuses any other value, naming the variable, instead of falling back to plaintext", () => {
    for (const v of ["on", "enabled", "ture", "tls"]) {
      expect(() => kafkaConnectionFromEnv({ ...base, KAFKA_SSL: v }, "x")).toThrow(KafkaConfigError);
      expect(() => kafkaConnectionFromEnv({ ...base, KAFKA_SSL: v }, "x")).toThrow(/KAFKA_SSL/);
    }
  });
});

describe("KAFKA_SASL_PASSWORD_FILE", () => {
  const dir = mkdtempSync(join(tmpdir(), "kafka-config-"));
  const sasl = { KAFKA_BROKERS: "k:9093", KAFKA_SASL_MECHANISM: "plain", KAFKA_SASL_USERNAME: "u" };

  it("reads the password from the file, without its trailing newline", () => {
    const file = join(dir, "password");
    writeFileSync(file, "hunter2\n");
    expect(kafkaConnectionFromEnv({ ...sasl, KAFKA_SASL_PASSWORD_FILE: file }, "x").sasl?.password).toBe(
      "hunter2",
    );
  });

  it("names the _FILE variable when the file cannot be read or is empty", () => {
    const missing = join(dir, "missing");
    expect(() => kafkaConnectionFromEnv({ ...sasl, KAFKA_SASL_PASSWORD_FILE: missing }, "x")).toThrow(
      KafkaConfigError,
    );
    expect(() => kafkaConnectionFromEnv({ ...sasl, KAFKA_SASL_PASSWORD_FILE: missing }, "x")).toThrow(
      /KAFKA_SASL_PASSWORD_FILE .*cannot be read: ENOENT/,
    );
    const empty = join(dir, "empty");
    writeFileSync(empty, "");
    expect(() => kafkaConnectionFromEnv({ ...sasl, KAFKA_SASL_PASSWORD_FILE: empty }, "x")).toThrow(
      /KAFKA_SASL_PASSWORD_FILE .*is empty/,
    );
  });
});
