import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limiter.ts";

function fakeClock() {
  let t = 1_000_000;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
  };
}

describe("the request-rate limiter", () => {
  it("lets a burst through at once, then spaces requests at the rate", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ requestsPerSecond: 4, burst: 2, ...clock });
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      await limiter.take();
      times.push(clock.now() - 1_000_000);
    }
    expect(times).toEqual([0, 0, 250, 500, 750, 1000]);
  });

  it("serves concurrent callers in arrival order without exceeding the rate", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ requestsPerSecond: 10, burst: 1, ...clock });
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3].map((i) => limiter.take().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3]);
    expect(clock.now() - 1_000_000).toBe(300);
  });

  it("refills while idle, up to the burst", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ requestsPerSecond: 1, burst: 2, ...clock });
    await limiter.take();
    await limiter.take();
    await clock.sleep(10_000);
    const before = clock.now();
    await limiter.take();
    await limiter.take();
    expect(clock.now()).toBe(before);
    await limiter.take();
    expect(clock.now()).toBe(before + 1000);
  });

  it("does not limit when the rate is 0", async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ requestsPerSecond: 0, ...clock });
    for (let i = 0; i < 100; i++) await limiter.take();
    expect(clock.now()).toBe(1_000_000);
  });
});
