export interface RateLimiter {
  /** resolves when the next request may go */
  take(): Promise<void>;
}

export interface RateLimiterOptions {
  requestsPerSecond: number;
  /** requests that may go at once after a quiet spell (default: one second's worth) */
  burst?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A token bucket shared by all requests of one source; callers are served in arrival order. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const rate = options.requestsPerSecond;
  if (!(rate > 0) || rate === Number.POSITIVE_INFINITY) return { take: async () => {} };
  const burst = Math.max(1, options.burst ?? Math.ceil(rate));
  const now = options.now ?? Date.now;
  const wait = options.sleep ?? sleep;
  let tokens = burst;
  let last = now();
  let queue: Promise<void> = Promise.resolve();

  const refill = () => {
    const t = now();
    tokens = Math.min(burst, tokens + ((t - last) / 1000) * rate);
    last = t;
  };

  return {
    take() {
      const turn = queue.then(async () => {
        refill();
        if (tokens < 1) {
          await wait(((1 - tokens) / rate) * 1000);
          refill();
        }
        tokens -= 1;
      });
      queue = turn;
      return turn;
    },
  };
}
