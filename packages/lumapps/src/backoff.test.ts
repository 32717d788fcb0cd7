import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_POLICY, retryDelayMs } from "./backoff.ts";

describe("retry delays", () => {
  it("doubles per failure with half of each step random", () => {
    const low = [1, 2, 3, 4].map((n) => retryDelayMs(n, DEFAULT_RETRY_POLICY, undefined, () => 0));
    const high = [1, 2, 3, 4].map((n) => retryDelayMs(n, DEFAULT_RETRY_POLICY, undefined, () => 1));
    expect(low).toEqual([250, 500, 1000, 2000]);
    expect(high).toEqual([500, 1000, 2000, 4000]);
  });

  it("never waits longer than the cap", () => {
    expect(retryDelayMs(30, DEFAULT_RETRY_POLICY, undefined, () => 1)).toBe(60_000);
    expect(retryDelayMs(1, DEFAULT_RETRY_POLICY, 3_600_000)).toBe(60_000);
  });

  it("waits exactly what Retry-After asked, without jitter", () => {
    expect(retryDelayMs(1, DEFAULT_RETRY_POLICY, 2000, () => 0.9)).toBe(2000);
    expect(retryDelayMs(3, DEFAULT_RETRY_POLICY, 0)).toBe(0);
  });
});
