import { describe, expect, it } from "vitest";
import { createLastHashes } from "./last-hashes.ts";

describe("createLastHashes", () => {
  it("forgets the least recently produced key beyond its capacity", () => {
    const m = createLastHashes(2);
    m.set("a", "1");
    m.set("b", "2");
    m.set("a", "3");
    m.set("c", "4");
    expect([m.get("a"), m.get("b"), m.get("c"), m.size]).toEqual(["3", undefined, "4", 2]);
  });

  it("remembers nothing with a capacity of 0", () => {
    const m = createLastHashes(0);
    m.set("a", "1");
    expect(m.get("a")).toBeUndefined();
  });
});
