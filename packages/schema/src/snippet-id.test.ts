import { describe, expect, it } from "vitest";
import { base32, hash128 } from "./base32.ts";
import { exampleSnippets } from "./examples.ts";
import { type SnippetIdInput, SnippetIdSchema, snippetId } from "./snippet-id.ts";

/**
 * The golden vector: computed once and checked in. apps/edge/test/snippet-id.worker.test.ts checks
 * the same pair inside workerd. If this changes, every snippet id in every KV and topic changes.
 */
const GOLDEN_INPUT: SnippetIdInput = {
  sourceId: "acme",
  contentId: "1234567890",
  lang: "pt-BR",
  headingPath: ["Benefícios", "Saúde 🩺"],
  text: 'Plano de saúde para todos: "ver" <detalhes>.',
  occurrence: 2,
};
const GOLDEN_ID = "uikzziynhnpnizvjsebu4e34zy";

const base: SnippetIdInput = {
  sourceId: "acme",
  contentId: "42",
  lang: "en",
  headingPath: ["Handbook", "Leave"],
  text: "Ask your manager.",
  occurrence: 0,
};

describe("snippetId", () => {
  it("matches the checked-in golden vector", async () => {
    expect(await snippetId(GOLDEN_INPUT)).toBe(GOLDEN_ID);
  });

  it("is 26 lower-case base32 characters and the same on every call", async () => {
    const a = await snippetId(base);
    expect(SnippetIdSchema.parse(a)).toBe(a);
    expect(await snippetId({ ...base, headingPath: [...base.headingPath] })).toBe(a);
  });

  it("gives duplicates in one section different ids by their occurrence number", async () => {
    const ids = await Promise.all([0, 1, 2].map((occurrence) => snippetId({ ...base, occurrence })));
    expect(new Set(ids).size).toBe(3);
  });

  it("gives the same text under another heading path another id", async () => {
    const ids = await Promise.all(
      [
        ["Handbook", "Leave"],
        ["Handbook", "Sick leave"],
        ["Handbook"],
        [],
        ["Handbook", "Leave", "Leave"],
      ].map((headingPath) => snippetId({ ...base, headingPath })),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("changes with each other field too", async () => {
    const a = await snippetId(base);
    const variants: Partial<SnippetIdInput>[] = [
      { sourceId: "acme-eu" },
      { contentId: "43" },
      { lang: "fr" },
      { text: "Ask your manager!" },
    ];
    for (const v of variants) expect(await snippetId({ ...base, ...v }), JSON.stringify(v)).not.toBe(a);
  });

  it("keeps field boundaries unambiguous", async () => {
    // concatenation would make these equal; the JSON framing does not
    const a = await snippetId({ ...base, headingPath: ["a,b"] });
    const b = await snippetId({ ...base, headingPath: ["a", "b"] });
    const c = await snippetId({ ...base, sourceId: "ac", contentId: "me42" });
    expect(a).not.toBe(b);
    expect(c).not.toBe(await snippetId(base));
  });

  it("is what the shared examples carry", async () => {
    for (const s of exampleSnippets) {
      const [sourceId, contentId] = s.key.split(":") as [string, string];
      expect(
        await snippetId({
          sourceId,
          contentId,
          lang: s.lang,
          headingPath: s.headingPath,
          text: s.text,
          occurrence: 0,
        }),
      ).toBe(s.id);
    }
  });
});

describe("base32", () => {
  it.each([
    ["", ""],
    ["f", "my"],
    ["fo", "mzxq"],
    ["foo", "mzxw6"],
    ["foob", "mzxw6yq"],
    ["fooba", "mzxw6ytb"],
    ["foobar", "mzxw6ytboi"],
  ])("encodes %j as RFC 4648 test vector %j (lower case, unpadded)", (input, out) => {
    expect(base32(new TextEncoder().encode(input))).toBe(out);
  });

  it("hashes to 128 bits: the first 16 bytes of SHA-256", async () => {
    // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223 b00361a3...
    const first16 = Uint8Array.from(Buffer.from("ba7816bf8f01cfea414140de5dae2223", "hex"));
    expect(await hash128("abc")).toBe(base32(first16));
    expect(await hash128("abc")).toHaveLength(26);
  });
});
