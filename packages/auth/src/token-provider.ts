import type { LumAppsConnection } from "./connection.ts";
import type { LumAppsAuthError } from "./errors.ts";
import { mintApplicationToken } from "./token-endpoint.ts";

export interface TokenProviderOptions {
  fetch?: typeof fetch;
  /** ms clock; injectable for tests of renewal */
  now?: () => number;
  /** timeout of one mint request, ms (default 30 s) */
  timeoutMs?: number;
  /** called after each mint attempt (metrics, logs); never given the token */
  onMint?: (outcome: {
    ok: boolean;
    ms: number;
    expiresInSeconds?: number;
    error?: LumAppsAuthError;
  }) => void;
}

/**
 * Hands out the application token of one source. Tokens are cached and renewed a little before
 * expiry; concurrent callers share one in-flight mint; `invalidate` after a 401 forces the next
 * `token()` to mint (once, however many requests saw the 401).
 */
export interface TokenProvider {
  token(): Promise<string>;
  /** drops `token` if it is still the cached one (a 401 said it is no longer good) */
  invalidate(token: string): void;
}

/**
 * Renew this long before expiry: 60 s for an hour-long token, a tenth of the lifetime for short
 * ones (a 60 s token renews 6 s early), so a request started just before expiry still carries a
 * valid token whatever the clock skew between us and the cell.
 */
export function renewalMarginSeconds(lifetimeSeconds: number): number {
  return Math.min(60, lifetimeSeconds / 10);
}

interface Cached {
  token: string;
  renewAt: number;
  expiresAt: number;
}

export function createTokenProvider(
  connection: LumAppsConnection,
  options: TokenProviderOptions = {},
): TokenProvider {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 30_000;
  let cached: Cached | undefined;
  let inflight: Promise<string> | undefined;

  async function mint(): Promise<string> {
    const startedAt = now();
    try {
      const minted = await mintApplicationToken(connection, { fetch: fetchFn, timeoutMs, now });
      const lifetimeMs = minted.expiresInSeconds * 1000;
      // the lifetime counts from before the request was sent: never later than the cell's own clock
      cached = {
        token: minted.accessToken,
        expiresAt: startedAt + lifetimeMs,
        renewAt: startedAt + lifetimeMs - renewalMarginSeconds(minted.expiresInSeconds) * 1000,
      };
      options.onMint?.({ ok: true, ms: now() - startedAt, expiresInSeconds: minted.expiresInSeconds });
      return minted.accessToken;
    } catch (error) {
      options.onMint?.({ ok: false, ms: now() - startedAt, error: error as LumAppsAuthError });
      throw error;
    }
  }

  return {
    async token() {
      const current = cached;
      if (current && now() < current.renewAt) return current.token;
      inflight ??= mint().finally(() => {
        inflight = undefined;
      });
      try {
        return await inflight;
      } catch (error) {
        // a failed early renewal keeps using the token while it is still valid
        if (
          current &&
          cached === current &&
          now() < current.expiresAt &&
          (error as LumAppsAuthError).retryable
        ) {
          return current.token;
        }
        throw error;
      }
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}
