import { describe, expect, it } from "vitest";
import {
  API_KEY_PREFIX,
  constantTimeEqual,
  generateApiKey,
  hashApiKey,
  looksLikeApiKey,
  verifyApiKey,
} from "./api-keys.ts";

describe("API keys", () => {
  it("generates a prefixed key of 32 random bytes in base64url, different every time", () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a).toMatch(/^lsk_[A-Za-z0-9_-]{43}$/);
    expect(a.startsWith(API_KEY_PREFIX)).toBe(true);
    expect(a).not.toBe(b);
    expect(looksLikeApiKey(a)).toBe(true);
    expect(looksLikeApiKey("lsk_short")).toBe(false);
  });

  it("hashes a key to the hex SHA-256 of its text", async () => {
    // sha256("abc"), a published test vector
    expect(await hashApiKey("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("verifies the right key and refuses any other", async () => {
    const key = generateApiKey();
    const stored = await hashApiKey(key);
    expect(await verifyApiKey(key, stored)).toBe(true);
    expect(await verifyApiKey(key, stored.toUpperCase())).toBe(true);
    expect(await verifyApiKey(`${key}x`, stored)).toBe(false);
    expect(await verifyApiKey(generateApiKey(), stored)).toBe(false);
    expect(await verifyApiKey(key, "")).toBe(false);
  });

  it("compares strings of different lengths as different", () => {
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
    expect(constantTimeEqual("", "")).toBe(true);
  });
});

describe("the api-keys module", () => {
  it("imports nothing, so the edge worker can load it in workerd", async () => {
    const { readFile } = await import("node:fs/promises");
    const source = await readFile(new URL("./api-keys.ts", import.meta.url), "utf8");
    expect(source).not.toMatch(/^\s*import\s/m);
    expect(source).not.toMatch(/\brequire\(|\bBuffer\b|\bprocess\./);
  });
});
