import { describe, expect, it } from "vitest";
import { lookahead, mapSettled } from "./concurrency.ts";

describe("mapSettled", () => {
  it("runs at most `limit` at once and settles every item", async () => {
    let running = 0;
    let peak = 0;
    const results = await mapSettled([1, 2, 3, 4, 5], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      if (n === 3) throw new Error("three");
      return n * 10;
    });
    expect(peak).toBe(2);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([
      10,
      20,
      "three",
      40,
      50,
    ]);
  });
});

describe("lookahead", () => {
  it("asks for the next element while the current one is processed", async () => {
    const log: string[] = [];
    async function* source() {
      for (let i = 0; i < 3; i++) {
        log.push(`fetch ${i}`);
        yield i;
      }
    }
    for await (const n of lookahead(source())) log.push(`use ${n}`);
    expect(log).toEqual(["fetch 0", "fetch 1", "use 0", "fetch 2", "use 1", "use 2"]);
  });

  it("surfaces a failure of the look-ahead when that element is reached", async () => {
    async function* source() {
      yield 1;
      throw new Error("page 2 failed");
    }
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const n of lookahead(source())) seen.push(n);
      })(),
    ).rejects.toThrow("page 2 failed");
    expect(seen).toEqual([1]);
  });
});
