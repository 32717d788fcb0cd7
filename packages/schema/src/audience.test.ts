import { describe, expect, it } from "vitest";
import {
  AudienceSchema,
  canRead,
  contentAudience,
  DEFAULT_EMPTY_FEED_KEYS_POLICY,
  EVERYONE,
  intersectAudiences,
  normalizeAudience,
  widgetAudience,
} from "./audience.ts";

describe("contentAudience", () => {
  it.each([
    ["an empty list under policy everyone", [], "everyone", ["*"]],
    ["an empty list under policy nobody", [], "nobody", []],
    ["group ids, sorted and de-duplicated", ["g2", "g1", "g2"], "everyone", ["g1", "g2"]],
    ["numeric ids as strings", [123, "45"], "nobody", ["123", "45"]],
    ["missing feedKeys (fails closed)", undefined, "everyone", []],
    ["null feedKeys (fails closed)", null, "everyone", []],
    ["a string instead of a list (fails closed)", "g1", "everyone", []],
    ["an object instead of a list (fails closed)", { groups: ["g1"] }, "everyone", []],
    ["a list with an object (fails closed)", ["g1", { id: "g2" }], "everyone", []],
    ["a list with an empty id (fails closed)", ["g1", ""], "everyone", []],
    ["a list with '*' (fails closed: LumApps never sends it)", ["*"], "everyone", []],
    ["an id with a comma (fails closed)", ["g1,g2"], "everyone", []],
  ] as const)("gives %s", (_what, feedKeys, policy, expected) => {
    expect(contentAudience(feedKeys, policy)).toEqual(expected);
  });

  it("defaults to the policy API.md suggests: an empty list means every user", () => {
    expect(DEFAULT_EMPTY_FEED_KEYS_POLICY).toBe("everyone");
  });
});

describe("widgetAudience", () => {
  it.each([
    ["no widget feedKeys does not narrow", ["g1", "g2"], undefined, ["g1", "g2"]],
    ["null widget feedKeys does not narrow", ["g1"], null, ["g1"]],
    ["an empty widget list does not narrow", ["g1", "g2"], [], ["g1", "g2"]],
    ["a widget list narrows to the intersection", ["g1", "g2"], ["g2", "g3"], ["g2"]],
    ["a disjoint widget list leaves nobody", ["g1"], ["g3"], []],
    ["a widget list narrows an everyone content", ["*"], ["g3", "g1"], ["g1", "g3"]],
    ["a widget never widens a nobody content", [], ["g1"], []],
    ["an empty widget list keeps everyone", ["*"], [], ["*"]],
    ["a malformed widget list fails closed", ["g1"], "g1", []],
    ["a widget list with junk fails closed", ["*"], ["g1", 3.5e300, { x: 1 }], []],
  ] as const)("%s", (_what, content, widget, expected) => {
    expect(widgetAudience([...content], widget)).toEqual(expected);
  });
});

describe("intersectAudiences and normalizeAudience", () => {
  it.each([
    [["*"], ["*"], ["*"]],
    [["*"], ["b", "a"], ["a", "b"]],
    [["a", "b"], ["*"], ["a", "b"]],
    [["a", "b"], ["b", "c"], ["b"]],
    [["a"], [], []],
    [[], ["*"], []],
  ])("intersects %j and %j to %j", (a, b, out) => {
    expect(intersectAudiences(a, b)).toEqual(out);
    expect(intersectAudiences(b, a)).toEqual(out);
  });

  it("collapses any list holding '*' to ['*']", () => {
    expect(normalizeAudience(["b", EVERYONE, "a"])).toEqual(["*"]);
    expect(normalizeAudience(new Set(["b", "a", "b"]))).toEqual(["a", "b"]);
  });

  it("validates audiences as group ids without spaces or commas", () => {
    expect(AudienceSchema.safeParse(["*", "123", "grp-a"]).success).toBe(true);
    for (const bad of [[""], ["a b"], ["a,b"], [1]])
      expect(AudienceSchema.safeParse(bad).success, String(bad)).toBe(false);
  });
});

describe("canRead", () => {
  // key audiences, request audiences (a trusted key's narrowing header), item audience, readable?
  it.each([
    ["a '*' key reads an everyone item", ["*"], undefined, ["*"], true],
    ["a '*' key reads a group item", ["*"], undefined, ["g1"], true],
    ["an un-narrowed '*' key reads a fail-closed (nobody) item", ["*"], undefined, [], true],
    ["a group key reads an everyone item", ["g1"], undefined, ["*"], true],
    ["a group key reads an item of its group", ["g1", "g2"], undefined, ["g2", "g9"], true],
    ["a group key does not read another group's item", ["g1"], undefined, ["g2"], false],
    ["a group key does not read a nobody item", ["g1"], undefined, [], false],
    ["a key without audiences reads only everyone items", [], undefined, ["*"], true],
    ["a key without audiences reads no group item", [], undefined, ["g1"], false],
    ["a narrowed '*' key reads the user's group", ["*"], ["g1"], ["g1"], true],
    ["a narrowed '*' key does not read other groups", ["*"], ["g1"], ["g2"], false],
    ["a narrowed '*' key does not read a nobody item", ["*"], ["g1"], [], false],
    ["a narrowed key still reads everyone items", ["*"], ["g1"], ["*"], true],
    ["an empty narrowing reads only everyone items", ["*"], [], ["g1"], false],
    ["narrowing never widens a group key beyond its audiences", ["g1"], ["g2"], ["g2"], false],
    ["narrowing keeps what key and user share", ["g1", "g2"], ["g2", "g3"], ["g2"], true],
    ["narrowing to a group the key lacks reads nothing restricted", ["g1", "g2"], ["g3"], ["g1"], false],
    ["'*' in the request header is ignored (a group key)", ["g1"], ["*"], ["g2"], false],
    ["'*' in the request header is ignored (a '*' key)", ["*"], ["*"], ["g1"], false],
    ["'*' in the request header does not unlock nobody items", ["*"], ["*"], [], false],
    ["'*' next to a real group narrows to that group", ["*"], ["*", "g1"], ["g1"], true],
  ] as const)("%s", (_what, key, request, item, expected) => {
    expect(canRead(key, request, item)).toBe(expected);
  });

  it("never lets a narrowed view read more than the un-narrowed key", () => {
    const groups = ["g1", "g2", "g3", "*"];
    const subsets = (xs: string[]): string[][] =>
      xs.reduce<string[][]>((acc, x) => acc.concat(acc.map((s) => [...s, x])), [[]]);
    for (const key of subsets(groups)) {
      for (const request of subsets(groups)) {
        for (const item of subsets(groups)) {
          if (canRead(key, request, item))
            expect(canRead(key, undefined, item), JSON.stringify({ key, request, item })).toBe(true);
        }
      }
    }
  });
});
