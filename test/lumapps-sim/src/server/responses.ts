/** What a route hands back to the server loop, which adds headers, faults and counting. */
export interface SimResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** a paged listing: break-cursor faults rewrite its `more`/`cursor` */
  listing?: boolean;
}

export const json = (body: unknown, status = 200): SimResponse => ({ status, body });

const reasons: Record<number, string> = {
  400: "badRequest",
  401: "required",
  403: "forbidden",
  404: "notFound",
  405: "methodNotAllowed",
  429: "rateLimitExceeded",
  500: "backendError",
  502: "backendError",
  503: "backendError",
  504: "backendError",
};

/** v1 (Cloud Endpoints) error body; the shape is UNSURE in API.md, this is the Google one. */
export function v1Error(status: number, message: string, headers?: Record<string, string>): SimResponse {
  const reason = reasons[status] ?? "error";
  return {
    status,
    headers,
    body: { error: { code: status, message, errors: [{ domain: "global", reason, message }] } },
  };
}

const v2Codes: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  429: "TOO_MANY_REQUESTS",
  500: "INTERNAL_SERVER_ERROR",
  503: "SERVICE_UNAVAILABLE",
};

/** v2 error body, as API.md §6 documents it. */
export function v2Error(status: number, title: string, detail: string, headers?: Record<string, string>) {
  const code = v2Codes[status] ?? (status >= 500 ? "INTERNAL_SERVER_ERROR" : "ERROR");
  return {
    status,
    headers,
    body: { errors: [{ code, title, detail, status: String(status) }] },
  } satisfies SimResponse;
}
