import {
  LumAppsAuthError,
  type LumAppsConnection,
  LumAppsError,
  redact,
  safeCause,
  secretForms,
  sendWithToken,
  type TokenProvider,
} from "@lumasnip/auth";
import type { ShapeParser } from "@lumasnip/schema";
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryDelayMs } from "./backoff.ts";
import { LumAppsNetworkError, LumAppsShapeError, LumAppsTimeoutError } from "./errors.ts";
import { httpError, trimDetail } from "./http-error.ts";
import { type RateLimiter, sleep as realSleep } from "./rate-limiter.ts";

export interface LumAppsHooks {
  /**
   * one call per HTTP exchange (retries and the re-send after a 401 included); status is the HTTP
   * status, or "timeout"/"network", or "auth" when no token could be minted
   */
  onRequest?: (route: string, status: number | "timeout" | "network" | "auth", ms: number) => void;
  /** before waiting to try again */
  onRetry?: (route: string, attempt: number, waitMs: number, error: LumAppsError) => void;
}

export interface TransportOptions {
  connection: LumAppsConnection;
  tokens: TokenProvider;
  limiter: RateLimiter;
  retry: RetryPolicy;
  hooks: LumAppsHooks;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random: () => number;
}

export interface RequestSpec<T> {
  /** the route as a metric label: `content/list`, `instance/list` (never ids) */
  route: string;
  method: "GET" | "POST";
  /** v1 (`/_ah/api/lumsites/v1/`, default) or v2 (`/v2/organizations/{org}/`) */
  api?: "v1" | "v2";
  /** path below the API root, e.g. `content/list` */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  timeoutMs: number;
  /** a zod schema or a hand-written check of the same shape */
  schema: ShapeParser<T>;
}

export type Transport = <T>(spec: RequestSpec<T>) => Promise<T>;

export const V1_ROOT = "/_ah/api/lumsites/v1/";

export function createTransport(
  partial: Partial<TransportOptions> & Pick<TransportOptions, "connection" | "tokens" | "limiter">,
): Transport {
  const options: TransportOptions = {
    retry: DEFAULT_RETRY_POLICY,
    hooks: {},
    fetch: globalThis.fetch,
    sleep: realSleep,
    now: Date.now,
    random: Math.random,
    ...partial,
  };
  const { connection, retry, hooks } = options;
  const hidden = secretForms(connection);

  return async function request<T>(spec: RequestSpec<T>): Promise<T> {
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      let error: LumAppsError;
      try {
        await options.limiter.take();
        return await attemptOnce(options, spec, hidden);
      } catch (caught) {
        if (!(caught instanceof LumAppsError)) throw caught;
        error = caught;
      }
      Object.assign(error.context, { attempts: attempt });
      if (!error.retryable || attempt >= retry.maxAttempts) throw error;
      const wait = retryDelayMs(attempt, retry, error.retryAfterMs, options.random);
      if (waited + wait > retry.totalBudgetMs) throw error;
      hooks.onRetry?.(spec.route, attempt, wait, error);
      waited += wait;
      await options.sleep(wait);
    }
  };
}

async function attemptOnce<T>(options: TransportOptions, spec: RequestSpec<T>, hidden: string[]): Promise<T> {
  const { connection, hooks, now } = options;
  const root =
    spec.api === "v2" ? `/v2/organizations/${encodeURIComponent(connection.organizationId)}/` : V1_ROOT;
  const url = new URL(root + spec.path, connection.cell);
  for (const [key, value] of Object.entries(spec.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const started = now();
  let response: Response;
  let text: string;
  const tokensSeen: string[] = [];
  try {
    response = await sendWithToken(options.tokens, spec.route, async (token) => {
      tokensSeen.push(token);
      const sent = now();
      const answer = await options.fetch(url, {
        method: spec.method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: "application/json",
          "lumapps-organization-id": connection.organizationId,
          "x-lumapps-analytics": "off",
          ...(spec.body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal: AbortSignal.timeout(spec.timeoutMs),
      });
      // a 401 is answered inside sendWithToken (re-mint, send again): count that exchange here
      if (answer.status === 401) hooks.onRequest?.(spec.route, 401, now() - sent);
      return answer;
    });
    text = await response.text();
  } catch (caught) {
    const ms = now() - started;
    if (caught instanceof LumAppsError) {
      // a mint that failed; a second 401 was counted above already
      if (!(caught instanceof LumAppsAuthError && caught.reason === "token_rejected")) {
        hooks.onRequest?.(spec.route, "auth", ms);
      }
      throw caught;
    }
    const cause = safeCause(caught, [...hidden, ...tokensSeen]);
    if (cause?.name === "TimeoutError") {
      hooks.onRequest?.(spec.route, "timeout", ms);
      throw new LumAppsTimeoutError(`LumApps did not answer ${spec.route} within ${spec.timeoutMs} ms`, {
        route: spec.route,
        retryable: true,
        context: { timeoutMs: spec.timeoutMs },
        cause,
      });
    }
    hooks.onRequest?.(spec.route, "network", ms);
    const code = (cause?.cause as { code?: string } | undefined)?.code;
    throw new LumAppsNetworkError(
      `cannot reach LumApps for ${spec.route} (${code ?? cause?.message ?? "network error"})`,
      {
        route: spec.route,
        retryable: true,
        context: { code },
        cause,
      },
    );
  }
  hooks.onRequest?.(spec.route, response.status, now() - started);
  const callId = response.headers.get("lumapps-call-id") ?? undefined;

  if (!response.ok)
    throw httpError(spec.route, response, redact(text, [...hidden, ...tokensSeen]), callId, now());

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LumAppsShapeError(`LumApps answered ${spec.route} with something that is not JSON`, {
      route: spec.route,
      status: response.status,
      callId,
      retryable: false,
      issues: ["body: not JSON"],
      context: { detail: trimDetail(redact(text, hidden)) },
    });
  }
  const parsed = spec.schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  throw new LumAppsShapeError(
    `LumApps answered ${spec.route} in an unexpected shape: ${issues.slice(0, 3).join("; ")}`,
    {
      route: spec.route,
      status: response.status,
      callId,
      retryable: false,
      issues,
    },
  );
}
