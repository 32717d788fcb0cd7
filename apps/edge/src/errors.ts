import type { ErrorBody, ErrorCode } from "@lumasnip/schema";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./env.ts";
import { VarsError } from "./env.ts";

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
};

/** The one error of the edge: a code from the closed set, a message safe to show, optional extra fields. */
export class EdgeError extends Error {
  override name = "EdgeError";
  readonly code: ErrorCode;
  readonly extra: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, extra?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.extra = extra;
  }
  get status(): ContentfulStatusCode {
    return STATUS[this.code];
  }
}

// One body per outcome, whatever the reason: a missing, bad or revoked key cannot be told apart,
// nor a restricted item from a missing one.
export const NOT_FOUND = () => new EdgeError("not_found", "not found");
export const UNAUTHORIZED = () => new EdgeError("unauthorized", "a valid API key is required");
export const FORBIDDEN = () => new EdgeError("forbidden", "this key may not do this");
export const badRequest = (message: string) => new EdgeError("bad_request", message);

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

function toEdgeError(err: unknown): EdgeError {
  if (err instanceof EdgeError) return err;
  if (err instanceof HTTPException) {
    if (err.status === 413) return new EdgeError("payload_too_large", "the request body is too large");
    if (err.status === 400) return badRequest(err.message || "malformed request");
  }
  if (err instanceof VarsError) return new EdgeError("internal", err.message);
  if (err instanceof Error && /\b429\b|too many requests/i.test(err.message)) {
    return new EdgeError("rate_limited", "the store is rate limiting writes; retry with backoff");
  }
  return new EdgeError("internal", "internal error");
}

/** `app.onError`: every failure leaves as `{ error: { code, message } }`; 5xx details go to the log only. */
export function onError(err: unknown, c: Context<AppEnv>): Response {
  const e = toEdgeError(err);
  if (e.status >= 500) {
    console.error(
      JSON.stringify({ level: "error", msg: "request failed", path: c.req.path, error: String(err) }),
    );
  }
  if (e.code === "unauthorized") c.header("WWW-Authenticate", 'Bearer realm="lumasnip"');
  return c.json({ ...errorBody(e.code, e.message), ...e.extra }, e.status);
}
