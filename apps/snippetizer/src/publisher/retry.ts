import { sleep } from "@lumasnip/service";

export interface BackoffOptions {
  attempts: number;
  initialMs: number;
  maxMs: number;
  signal?: AbortSignal;
  /** called before each wait, for logs and metrics */
  onRetry?: (error: unknown, attempt: number, waitMs: number) => void;
}

interface MaybeRetryable {
  retryable?: boolean;
  retryAfterMs?: number;
}

/** Full-jitter exponential backoff, honouring a Retry-After; only errors marked retryable are retried. */
export async function withBackoff<T>(fn: () => Promise<T>, options: BackoffOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const e = error as MaybeRetryable;
      if (!e?.retryable || attempt >= options.attempts || options.signal?.aborted) throw error;
      const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** (attempt - 1));
      const wait = Math.min(options.maxMs, Math.max(e.retryAfterMs ?? 0, Math.random() * ceiling));
      options.onRetry?.(error, attempt, wait);
      await sleep(wait, options.signal);
    }
  }
}
