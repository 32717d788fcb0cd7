import { describe, expect, it } from "vitest";
import { createFixtureSeed } from "./fixture-seed.ts";
import { scaleSeed } from "./scale.ts";

describe("scaling a seed", () => {
  it("makes copies with new stable ids, earlier dates and the original's template", () => {
    const seed = createFixtureSeed({ pages: 4, news: 2 });
    const scaled = scaleSeed(seed, 20);
    expect(scaled.contents).toHaveLength(20);
    expect(new Set(scaled.contents.map((c) => c.id)).size).toBe(20);
    expect(scaleSeed(seed, 20).contents.map((c) => c.id)).toEqual(scaled.contents.map((c) => c.id));
    const copy = scaled.contents[6]!;
    const original = seed.contents[0]!;
    expect(copy.id).not.toBe(original.id);
    expect(copy.uid).toBe(copy.id);
    expect(copy.updatedAt < original.updatedAt).toBe(true);
    expect(copy.template).toBe(original.template);
    expect(copy.url).toContain(copy.id);
  });

  it("cuts a seed down when asked for fewer items, and refuses nonsense", () => {
    expect(scaleSeed(createFixtureSeed(), 3).contents).toHaveLength(3);
    expect(() => scaleSeed(createFixtureSeed(), 0)).toThrow();
  });
});
