export interface RetryPolicy {
  /** tries in all, the first included */
  maxAttempts: number;
  /** first backoff step, ms; doubles per failure */
  baseDelayMs: number;
  /** cap of one wait, Retry-After included, ms */
  maxDelayMs: number;
  /** give up rather than let the waits of one request add up past this, ms */
  totalBudgetMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
  totalBudgetMs: 180_000,
};

/**
 * The wait before try `failures + 1`: the server's Retry-After when it gave one, else
 * exponential backoff with "equal jitter" (half fixed, half random) so that many clients that
 * failed together do not come back together, yet each still waits a little.
 */
export function retryDelayMs(
  failures: number,
  policy: RetryPolicy,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(policy.maxDelayMs, Math.max(0, retryAfterMs));
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
