import { describe, expect, it } from "vitest";
import { createSourceState } from "../state/source-state.ts";
import type { SourceContext } from "./context.ts";
import { reconcileDue } from "./cycle.ts";

const HOUR = 3600_000;
function ctxAt(
  now: number,
  scopes: Record<string, { fullSyncDoneAt?: string; lastReconcileAt?: string }>,
  attempt?: number,
) {
  const state = createSourceState("s");
  for (const [id, st] of Object.entries(scopes)) state.updateScope(id, st);
  return {
    config: { reconcileIntervalSeconds: 3600 },
    scopes: Object.keys(scopes).map((id) => ({ id, siteId: "x", type: "page", action: "PAGE_READ" })),
    state,
    now: () => now,
    lastReconcileAttemptAt: attempt,
  } as unknown as SourceContext;
}
const iso = (ms: number) => new Date(ms).toISOString();

describe("reconcileDue", () => {
  const t = Date.parse("2026-01-01T12:00:00Z");
  it("waits an interval after the full sync, then after the oldest reconcile", () => {
    expect(reconcileDue(ctxAt(t, { a: { fullSyncDoneAt: iso(t - HOUR / 2) } }))).toBe(false);
    expect(
      reconcileDue(
        ctxAt(t, { a: { fullSyncDoneAt: iso(t - 2 * HOUR), lastReconcileAt: iso(t - HOUR / 2) } }),
      ),
    ).toBe(false);
    expect(
      reconcileDue(
        ctxAt(t, {
          a: { fullSyncDoneAt: iso(t - 3 * HOUR), lastReconcileAt: iso(t - HOUR / 2) },
          b: { fullSyncDoneAt: iso(t - 2 * HOUR) },
        }),
      ),
    ).toBe(true);
  });

  it("is not due while a full sync is unfinished", () => {
    expect(reconcileDue(ctxAt(t, { a: {} }))).toBe(false);
  });

  it("retries a failed round after five minutes, not every cycle", () => {
    const failing = { a: { fullSyncDoneAt: iso(t - 3 * HOUR), lastReconcileAt: iso(t - 2 * HOUR) } };
    expect(reconcileDue(ctxAt(t, failing, t - 60_000))).toBe(false);
    expect(reconcileDue(ctxAt(t, failing, t - 6 * 60_000))).toBe(true);
  });
});
