import { describe, expect, it } from "vitest";
import { hash128 } from "../base32.ts";
import { SnippetIdSchema } from "../snippet-id.ts";
import { indexEntryContentKey, kvKeys, normalizeUrl, pendingDeleteDue, urlHash } from "./kv.ts";
import { KV_MAX_KEY_BYTES } from "./limits.ts";

const key = "acme:6543210987654321";
const bytes = (s: string) => new TextEncoder().encode(s).byteLength;

describe("KV key builders", () => {
  it("build the documented layout", async () => {
    const id = await hash128("x");
    expect(kvKeys.snippet(id)).toBe(`s:${id}`);
    expect(kvKeys.manifest(key)).toBe(`m:${key}`);
    expect(kvKeys.tagEntry("metadata:61", key)).toBe(`it:metadata:61|${key}`);
    expect(kvKeys.tagEntry("metadata:61", key).startsWith(kvKeys.tagPrefix("metadata:61"))).toBe(true);
    expect(kvKeys.siteEntry("acme", "48", key)).toBe(`is:acme:48|${key}`);
    expect(kvKeys.siteEntry("acme", "48", key).startsWith(kvKeys.sitePrefix("acme", "48"))).toBe(true);
    expect(kvKeys.urlEntry(id, key)).toBe(`iu:${id}|${key}`);
    expect(kvKeys.urlEntry(id, key).startsWith(kvKeys.urlPrefix(id))).toBe(true);
    expect(kvKeys.apiKey("abc")).toBe("k:abc");
    expect(kvKeys.apiKey("abc").startsWith(kvKeys.apiKeyPrefix())).toBe(true);
    expect(kvKeys.pendingDelete(1_767_225_600_000, key, 3)).toBe(`g:001767225600000:${key}:3`);
    expect(kvKeys.pendingDelete(1, key, 3).startsWith(kvKeys.pendingDeletePrefix())).toBe(true);
  });

  it("keep a tag prefix from matching a longer tag", () => {
    expect(kvKeys.tagEntry("metadata:610", key).startsWith(kvKeys.tagPrefix("metadata:61"))).toBe(false);
    expect(kvKeys.siteEntry("acme", "480", key).startsWith(kvKeys.sitePrefix("acme", "48"))).toBe(false);
  });

  it("stay within KV's 512-byte key limit for the longest valid inputs", () => {
    const longestKey = `${"s".repeat(32)}:${"c".repeat(128)}`;
    const longestTag = `content-type:${"t".repeat(128)}`;
    const longestSite = "9".repeat(128);
    const id = "a".repeat(26);
    const keys = [
      kvKeys.snippet(id),
      kvKeys.manifest(longestKey),
      kvKeys.tagEntry(longestTag, longestKey),
      kvKeys.siteEntry("s".repeat(32), longestSite, longestKey),
      kvKeys.urlEntry(id, longestKey),
      kvKeys.apiKey("f".repeat(64)),
      kvKeys.pendingDelete(Number.MAX_SAFE_INTEGER, longestKey, Number.MAX_SAFE_INTEGER),
    ];
    for (const k of keys) expect(bytes(k), k).toBeLessThanOrEqual(KV_MAX_KEY_BYTES);
  });

  it("refuse to build a key KV would reject, counting UTF-8 bytes", () => {
    expect(() => kvKeys.siteEntry("acme", "x".repeat(600), key)).toThrow(/over 512 bytes/);
    // "k:" + 170 three-byte characters is exactly 512 bytes (172 UTF-16 units); one more is over
    expect(bytes(kvKeys.apiKey("€".repeat(170)))).toBe(512);
    expect(() => kvKeys.apiKey("€".repeat(171))).toThrow(/over 512 bytes/);
  });

  it("sort pending deletes by due time as strings", () => {
    const early = kvKeys.pendingDelete(9_000, key, 1);
    const late = kvKeys.pendingDelete(10_000, key, 1);
    expect([late, early].sort()).toEqual([early, late]);
    expect(pendingDeleteDue(early)).toBe(9_000);
    expect(pendingDeleteDue(`m:${key}`)).toBeUndefined();
  });

  it("read the content key back out of an index entry", () => {
    expect(indexEntryContentKey(kvKeys.tagEntry("type:news", key))).toBe(key);
    expect(indexEntryContentKey(kvKeys.siteEntry("acme", "48", key))).toBe(key);
    expect(indexEntryContentKey("it:no-separator")).toBeUndefined();
  });
});

describe("normalizeUrl", () => {
  it.each([
    ["HTTPS://Acme.LumApps.com/a/hr/news", "https://acme.lumapps.com/a/hr/news"],
    ["https://acme.lumapps.com/a/hr/news/", "https://acme.lumapps.com/a/hr/news"],
    ["https://acme.lumapps.com/a/hr/news#section-2", "https://acme.lumapps.com/a/hr/news"],
    ["https://acme.lumapps.com:443/a", "https://acme.lumapps.com/a"],
    ["http://acme.lumapps.com:8080/a", "http://acme.lumapps.com:8080/a"],
    ["https://user:secret@acme.lumapps.com/a", "https://acme.lumapps.com/a"],
    ["https://acme.lumapps.com/", "https://acme.lumapps.com/"],
    ["https://acme.lumapps.com", "https://acme.lumapps.com/"],
    ["https://acme.lumapps.com/a/?lang=fr", "https://acme.lumapps.com/a?lang=fr"],
    ["https://acme.lumapps.com/a?next=/", "https://acme.lumapps.com/a?next=/"],
    ["https://acme.lumapps.com/a/Case/Kept", "https://acme.lumapps.com/a/Case/Kept"],
    ["https://acme.lumapps.com/a b/é", "https://acme.lumapps.com/a%20b/%C3%A9"],
  ])("normalizes %j to %j", (raw, out) => {
    expect(normalizeUrl(raw)).toBe(out);
  });

  it.each([["not a url"], ["/a/hr/news"], ["ftp://acme.lumapps.com/a"], ["javascript:alert(1)"], [""]])(
    "gives undefined for %j",
    (raw) => {
      expect(normalizeUrl(raw)).toBeUndefined();
    },
  );

  it("hashes equivalent URLs to one index key", async () => {
    const a = await urlHash("https://ACME.lumapps.com/a/hr/news/#top");
    expect(a).toBe(await urlHash("https://acme.lumapps.com/a/hr/news"));
    expect(SnippetIdSchema.safeParse(a).success).toBe(true);
    expect(await urlHash("nope")).toBeUndefined();
  });
});
