import { describe, expect, it } from "vitest";
import {
  CONTENT_KEY_MAX_LENGTH,
  ContentKeySchema,
  contentKey,
  isContentKey,
  parseContentKey,
  SourceIdSchema,
} from "./identities.ts";
import { TagIdSchema, tagId } from "./tags.ts";

describe("content keys", () => {
  it("builds <sourceId>:<contentId> and parses it back", () => {
    const key = contentKey("acme", "6543210987654321");
    expect(key).toBe("acme:6543210987654321");
    expect(parseContentKey(key)).toEqual({ sourceId: "acme", contentId: "6543210987654321" });
    expect(isContentKey(key)).toBe(true);
    expect(ContentKeySchema.parse(key)).toBe(key);
  });

  it("refuses to build a key from an invalid source or content id", () => {
    expect(() => contentKey("ACME", "1")).toThrow(/invalid source id/);
    expect(() => contentKey("acme", "a:b")).toThrow(/invalid content id/);
    expect(() => contentKey("", "1")).toThrow(/invalid source id/);
    expect(() => contentKey("acme", "")).toThrow(/invalid content id/);
    expect(() => contentKey("a".repeat(33), "1")).toThrow(/invalid source id/);
  });

  it.each([
    ["a bare content id", "6543210987654321"],
    ["an empty source", ":123"],
    ["an empty content id", "acme:"],
    ["an upper-case source", "Acme:1"],
    ["a second colon", "acme:1:2"],
    ["a space", "acme: 1"],
    ["a slash", "acme:1/2"],
  ])("rejects %s", (_what, key) => {
    expect(parseContentKey(key)).toBeUndefined();
    expect(isContentKey(key)).toBe(false);
    expect(ContentKeySchema.safeParse(key).success).toBe(false);
  });

  it("accepts the longest key and agrees with parseContentKey on its edges", () => {
    const longest = `${"s".repeat(32)}:${"C".repeat(128)}`;
    expect(longest).toHaveLength(CONTENT_KEY_MAX_LENGTH);
    expect(ContentKeySchema.safeParse(longest).success).toBe(true);
    expect(isContentKey(longest)).toBe(true);
    expect(ContentKeySchema.safeParse(`${longest}C`).success).toBe(false);
    expect(isContentKey(`${longest}C`)).toBe(false);
  });

  it("accepts source ids of a-z, 0-9 and '-' only", () => {
    expect(SourceIdSchema.safeParse("acme-eu-2").success).toBe(true);
    for (const bad of ["", "Acme", "acme_eu", "acme.eu", "a".repeat(33)]) {
      expect(SourceIdSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe("tag ids", () => {
  it("builds the four kinds of tag and validates them", () => {
    const ids = [
      tagId.metadata("6192837465019283"),
      tagId.type("news"),
      tagId.contentType("5029"),
      tagId.site("48"),
    ];
    expect(ids).toEqual(["metadata:6192837465019283", "type:news", "content-type:5029", "site:48"]);
    for (const id of ids) expect(TagIdSchema.parse(id)).toBe(id);
  });

  it("rejects unknown kinds and ids with separators", () => {
    for (const bad of [
      "label:x",
      "metadata:",
      "metadata:a|b",
      "site:a b",
      "metadata:a:b",
      `type:${"x".repeat(129)}`,
    ]) {
      expect(TagIdSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});
