import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError, intSetting, parseConfig } from "./config.ts";

describe("parseConfig", () => {
  const schema = z.object({ port: z.coerce.number().int().min(1).max(65535), secret: z.string().min(8) });

  it("returns the parsed value", () => {
    expect(parseConfig(schema, { port: "8080", secret: "12345678" })).toEqual({
      port: 8080,
      secret: "12345678",
    });
  });

  it("names each bad setting with its env var and never echoes the value", () => {
    let error: unknown;
    try {
      parseConfig(
        schema,
        { port: "99999", secret: "short" },
        { envNames: { port: "PORT", secret: "SECRET" } },
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/port \(PORT\)/);
    expect(message).toMatch(/secret \(SECRET\)/);
    expect(message).not.toContain("short");
  });
});

describe("intSetting", () => {
  it("reports whatever is wrong with the value as one problem naming the range", () => {
    const schema = intSetting(0, 100, 7);
    expect(schema.parse(undefined)).toBe(7);
    expect(schema.parse("42")).toBe(42);
    for (const bad of ["1e99", "-1e99", "abc", "1.5", "101", "-1", "Infinity"]) {
      const r = schema.safeParse(bad);
      expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual(["an integer from 0 to 100"]);
    }
  });
});
