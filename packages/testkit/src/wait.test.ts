import { describe, expect, it } from "vitest";
import { eventually } from "./wait.ts";

describe("eventually", () => {
  it("returns the first defined value", async () => {
    let n = 0;
    await expect(eventually(() => (++n >= 3 ? n : undefined), { intervalMs: 1 })).resolves.toBe(3);
  });

  it("fails after the bound with what it waited for and the last error", async () => {
    await expect(
      eventually(
        () => {
          throw new Error("still 404");
        },
        { timeoutMs: 30, intervalMs: 5, what: "the snippet" },
      ),
    ).rejects.toThrow(/waiting for the snippet: Error: still 404/);
  });
});
