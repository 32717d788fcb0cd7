import { describe, expect, it } from "vitest";
import { applyRecord } from "./codec.ts";
import { createSourceState } from "./source-state.ts";
import type { ItemEntry, LoadedState } from "./types.ts";

const entry: ItemEntry = {
  k: "live",
  s: "site/page/PAGE_READ",
  v: 3,
  u: "2024-05-01T00:00:00.000000Z",
  a: "fp",
  m: ["m1"],
};

function reload(records: { key: string; value: Buffer | null }[], sourceId = "acme"): LoadedState {
  const loaded: LoadedState = { header: undefined, items: new Map() };
  for (const r of records) applyRecord(sourceId, loaded, r.key, r.value);
  return loaded;
}

describe("the source state and its records", () => {
  it("writes only what changed, header last, and reads back the same state", () => {
    const state = createSourceState("acme");
    state.setItem("1", entry);
    state.setItem("2", { ...entry, v: 1 });
    state.updateScope("site/page/PAGE_READ", {
      watermark: "2024-05-01T00:00:00.000000Z",
      fullSync: { cursor: "c1", pages: 1, items: 2, startedAt: "x" },
    });
    state.setLabel("metadata:m1", "lab1");
    const first = state.drain();
    expect(first.map((r) => r.key)).toEqual(["acme/c/1", "acme/c/2", "acme"]);
    state.setItem("2", undefined);
    const second = state.drain();
    expect(second).toEqual([{ key: "acme/c/2", value: null }, expect.objectContaining({ key: "acme" })]);
    expect(state.drain()).toEqual([]);

    const loaded = reload([...first, ...second]);
    const again = createSourceState("acme", loaded);
    expect([...again.items()]).toEqual([["1", entry]]);
    expect(again.scope("site/page/PAGE_READ").fullSync?.cursor).toBe("c1");
    expect(again.label("metadata:m1")).toBe("lab1");
  });

  it("clears a scope field set to undefined", () => {
    const state = createSourceState("acme");
    state.updateScope("s", { fullSync: { pages: 0, items: 0, startedAt: "x" }, watermark: "w" });
    state.updateScope("s", { fullSync: undefined });
    expect(state.scope("s")).toEqual({ watermark: "w" });
  });

  it("ignores other sources' records and reports unreadable ones", () => {
    const loaded: LoadedState = { header: undefined, items: new Map() };
    expect(applyRecord("acme", loaded, "acme-lab/c/1", Buffer.from("{}"))).toBe("ignored");
    expect(applyRecord("acme", loaded, "acme-lab", Buffer.from("{}"))).toBe("ignored");
    expect(applyRecord("acme", loaded, "acme/c/1", Buffer.from("not json"))).toEqual({
      invalid: expect.stringMatching(/^item 1/),
    });
  });

  it("puts records back for the next save when a save failed", () => {
    const state = createSourceState("acme");
    state.setItem("1", entry);
    const records = state.drain();
    state.undrain(records);
    expect(state.drain().map((r) => r.key)).toEqual(["acme/c/1", "acme"]);
  });
});
