import { parseRetryAfter } from "@lumasnip/auth";
import { LumAppsV1ErrorBodySchema, LumAppsV2ErrorBodySchema } from "@lumasnip/schema";
import { LumAppsHttpError, LumAppsNotFoundError } from "./errors.ts";

/** The error for a non-2xx answer: retryable for 408, 429 and 5xx; 404 has its own class. */
export function httpError(
  route: string,
  response: Response,
  text: string,
  callId: string | undefined,
  now: number,
) {
  const status = response.status;
  const detail = errorDetail(text);
  const Kind = status === 404 ? LumAppsNotFoundError : LumAppsHttpError;
  return new Kind(`LumApps answered ${route} with HTTP ${status}${detail ? `: ${detail}` : ""}`, {
    route,
    status,
    callId,
    detail,
    retryable: status === 408 || status === 429 || status >= 500,
    retryAfterMs: parseRetryAfter(response.headers.get("retry-after"), now),
  });
}

/** v2 errors, v1 (Google endpoints) errors, or the raw text, trimmed. */
function errorDetail(text: string): string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return trimDetail(text);
  }
  const v2 = LumAppsV2ErrorBodySchema.safeParse(json);
  if (v2.success && v2.data.errors[0]) {
    const e = v2.data.errors[0];
    return trimDetail([e.code, e.title, e.detail].filter(Boolean).join(" — "));
  }
  const v1 = LumAppsV1ErrorBodySchema.safeParse(json);
  if (v1.success) return trimDetail(v1.data.error.message ?? String(v1.data.error.code ?? ""));
  return trimDetail(text);
}

export const trimDetail = (text: string) => text.replace(/\s+/g, " ").trim().slice(0, 300);
