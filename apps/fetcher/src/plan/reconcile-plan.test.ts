import { describe, expect, it } from "vitest";
import type { Markers } from "../normalize/markers.ts";
import type { ItemEntry } from "../state/types.ts";
import { liveEntry } from "./decide.ts";
import { type MassDeleteGuard, planReconcile, type ScopeListing } from "./reconcile-plan.ts";

const now = "2024-06-01T00:00:00.000000Z";
const guard: MassDeleteGuard = { maxShare: 0.1, alwaysAllow: 1, override: false };
const m = (id: string, over: Partial<Markers> = {}): Markers => ({
  id,
  status: "LIVE",
  version: 1,
  updatedAt: "2024-05-01T00:00:00.000000Z",
  audience: "fp",
  metadataIds: [],
  ...over,
});
const ids = (n: number, prefix = "i") => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const state = (scope: string, list: string[]): [string, ItemEntry][] =>
  list.map((id) => [id, liveEntry(scope, m(id))]);
const listing = (
  scope: string,
  list: string[],
  complete = true,
  over: (id: string) => Partial<Markers> = () => ({}),
): ScopeListing => {
  const items = new Map(list.map((id) => [id, m(id, over(id))]));
  return complete
    ? { scope, complete, items, unreadable: new Set() }
    : { scope, complete, items, unreadable: new Set(), error: "broken" };
};

describe("planReconcile", () => {
  it("finds the missing and the changed, and nothing else", () => {
    const items = state("A", ids(20));
    const [plan] = planReconcile(
      items,
      [
        listing(
          "A",
          ids(20).filter((id) => id !== "i3"),
          true,
          (id) => (id === "i5" ? { audience: "narrowed" } : {}),
        ),
      ],
      now,
      guard,
    );
    expect(plan).toMatchObject({ missing: ["i3"], refetch: ["i5"], held: false });
  });

  it("deletes nothing when the listing broke halfway", () => {
    const items = state("A", ids(20));
    const [plan] = planReconcile(items, [listing("A", ids(10), false)], now, guard);
    expect(plan!.missing).toEqual([]);
    expect(plan!.complete).toBe(false);
  });

  it("never deletes across scopes", () => {
    const items = [...state("A", ids(20, "a")), ...state("B", ids(20, "b"))];
    const plans = planReconcile(items, [listing("A", [])], now, { ...guard, override: true });
    expect(plans).toHaveLength(1);
    expect(plans[0]!.missing.every((id) => id.startsWith("a"))).toBe(true);
    expect(plans[0]!.missing).toHaveLength(20);
  });

  it("does not delete an item that moved to another scope listed in the same round", () => {
    const items = state("A", ["x", "y"]);
    const plans = planReconcile(items, [listing("A", ["y"]), listing("B", ["x"])], now, guard);
    expect(plans[0]!.missing).toEqual([]);
    expect(plans[1]!.refetch).toEqual([]);
  });

  it("holds back a round that would delete more than the share of a scope", () => {
    const items = state("A", ids(100));
    const [held] = planReconcile(items, [listing("A", ids(88))], now, guard);
    expect(held).toMatchObject({ held: true, deleteLimit: 10 });
    expect(held!.missing).toHaveLength(12);
    const [allowed] = planReconcile(items, [listing("A", ids(90))], now, guard);
    expect(allowed!.held).toBe(false);
    const [forced] = planReconcile(items, [listing("A", ids(88))], now, { ...guard, override: true });
    expect(forced!.held).toBe(false);
  });

  it("never deletes an item that was listed but could not be read", () => {
    const unreadable: ScopeListing = {
      scope: "A",
      complete: true,
      items: new Map(),
      unreadable: new Set(["i0"]),
    };
    const [plan] = planReconcile(state("A", ids(1)), [unreadable], now, guard);
    expect(plan!.missing).toEqual([]);
  });

  it("forgets a rejected entry no longer listed, and counts only live items in the share", () => {
    const items: [string, ItemEntry][] = [
      ...state("A", ids(10)),
      ["bad", { k: "rejected", s: "A", v: 0, u: "", a: "x" }],
    ];
    const [plan] = planReconcile(items, [listing("A", ids(10))], now, guard);
    expect(plan).toMatchObject({ forget: ["bad"], missing: [], live: 10 });
  });

  it("always allows a single delete in a small scope", () => {
    const [plan] = planReconcile(state("A", ids(3)), [listing("A", ids(2))], now, guard);
    expect(plan).toMatchObject({ held: false, missing: ["i2"] });
  });

  it("withdraws expired news it lists and counts it against the guard", () => {
    const [plan] = planReconcile(
      state("A", ids(30)),
      [listing("A", ids(30), true, (id) => (id === "i1" ? { endDate: "2024-05-01T00:00:00.000000Z" } : {}))],
      now,
      guard,
    );
    expect(plan!.withdraw).toEqual([{ id: "i1", reason: "expired", after: "forget" }]);
  });
});
