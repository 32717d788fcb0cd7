import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { repoRoot } from "@lumasnip/testkit";
import { describe, expect, it } from "vitest";
import { LumAppsContentSchema, lumAppsContentParser } from "./index.ts";

const dir = process.env.LUMASNIP_LUMAPPS_REFERENCE_DIR ?? resolve(repoRoot, "../shared/lumapps/reference");
const reference = (name: string): unknown =>
  existsSync(resolve(dir, name)) ? JSON.parse(readFileSync(resolve(dir, name), "utf8")) : undefined;

/** A content shaped like `reference/content_1.json`, so the suite runs without the files too. */
const sample = () => ({
  id: "5629499534213120",
  uid: "5629499534213120",
  type: "page",
  status: "LIVE",
  version: 4,
  lastRevision: { status: "DRAFT", version: 6, updatedAt: "2019-03-12T11:50:58.856571" },
  title: { en: "Hello", fr: "Bonjour", jp: null },
  feedKeys: ["33333333333333"],
  public: false,
  metadata: ["111"],
  tags: [{ any: 1 }],
  authorDetails: { email: "a@example.com", firstName: "A", lastName: "B" },
  updatedAt: "2019-03-12T11:50:58.856571",
  template: {
    basicMode: false,
    components: [
      {
        type: "row",
        cells: [
          {
            type: "cell",
            width: 12,
            components: [
              {
                type: "widget",
                widgetType: "html",
                uuid: "w1",
                feedKeys: [],
                properties: { content: { en: "<p>x</p>" } },
              },
              { type: "widget", widgetType: "intro", uuid: "w2", feedKeys: ["g1"], title: "Intro" },
              { type: "row", cells: [{ type: "cell", components: [{ type: "widget", feedKeys: null }] }] },
            ],
          },
        ],
      },
    ],
  },
  someFutureField: { kept: true },
});

/** Deterministic PRNG, so a failing case can be reproduced. */
function random(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

const oddValues: unknown[] = [
  null,
  undefined,
  "",
  "7",
  "x7",
  7,
  1.5,
  -3,
  true,
  [],
  ["a"],
  [1],
  [null],
  {},
  { en: "x" },
  { en: 1 },
  { en: null },
];

/** Every path of objects and arrays in `value`, with the parent and key to change it. */
function slots(value: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []) {
  if (Array.isArray(value))
    for (const [i, v] of value.entries()) {
      out.push([value, i]);
      slots(v, out);
    }
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      out.push([value as Record<string, unknown>, k]);
      slots(v, out);
    }
  return out;
}

function agree(value: unknown) {
  const fast = lumAppsContentParser.safeParse(value);
  const zod = LumAppsContentSchema.safeParse(value);
  expect(fast.success, JSON.stringify(value)?.slice(0, 400)).toBe(zod.success);
  if (fast.success && zod.success) expect(fast.data).toEqual(zod.data);
  if (!fast.success && !zod.success) {
    // zod names a union (a language map) where this check names the bad entry inside it
    const at = zod.error.issues[0]!.path;
    const paths = fast.error.issues.map((i) => i.path);
    expect(
      paths.some((p) => at.every((k, i) => p[i] === k)),
      JSON.stringify({ at, paths }),
    ).toBe(true);
  }
}

describe("the hand-written LumApps content check", () => {
  it("gives the zod schema's answer on the reference contents", () => {
    for (const name of ["content_1.json", "community_1.json"]) {
      const raw = reference(name);
      if (raw !== undefined) agree(raw);
    }
    agree(sample());
  });

  it("gives the zod schema's answer for 3,000 random changes to a content", () => {
    const next = random(42);
    for (let round = 0; round < 3000; round++) {
      const value = sample() as Record<string, unknown>;
      for (let n = 1 + Math.floor(next() * 2); n > 0; n--) {
        const all = slots(value);
        const [parent, key] = all[Math.floor(next() * all.length)]!;
        const odd = oddValues[Math.floor(next() * oddValues.length)];
        (parent as Record<string | number, unknown>)[key] = structuredClone(odd);
      }
      agree(value);
    }
  });

  it("returns the listed item itself, not a copy of its template", () => {
    const value = sample();
    const parsed = lumAppsContentParser.safeParse(value);
    expect(parsed.success && parsed.data).toBe(value);
  });

  it("converts a numeric id and a digit-string version without touching the input", () => {
    const value = { id: 42, version: "7", lastRevision: { version: "8" }, template: { components: [] } };
    const parsed = lumAppsContentParser.safeParse(value);
    expect(parsed.success && parsed.data).toEqual({
      id: "42",
      version: 7,
      lastRevision: { version: 8 },
      template: { components: [] },
    });
    expect(value.id).toBe(42);
    expect(value.lastRevision.version).toBe("8");
  });

  it("fails closed on a widget whose feedKeys is not a list of group ids, naming the path", () => {
    const result = lumAppsContentParser.safeParse({
      id: "1",
      template: {
        components: [{ type: "row", cells: [{ components: [{ type: "widget", feedKeys: "all" }] }] }],
      },
    });
    expect(result.success).toBe(false);
    expect(!result.success && result.error.issues[0]?.path).toEqual([
      "template",
      "components",
      0,
      "cells",
      0,
      "components",
      0,
      "feedKeys",
    ]);
  });

  it("refuses a template nested deeper than 200 rows instead of overflowing the stack", () => {
    let node: Record<string, unknown> = { type: "widget" };
    for (let i = 0; i < 5000; i++) node = { type: "row", cells: [{ type: "cell", components: [node] }] };
    const result = lumAppsContentParser.safeParse({ id: "1", template: { components: [node] } });
    expect(result.success).toBe(false);
  });
});
