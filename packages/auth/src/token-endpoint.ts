import { LumAppsApplicationTokenSchema } from "@lumasnip/schema";
import type { LumAppsConnection } from "./connection.ts";
import { LumAppsAuthError, type LumAppsSetting } from "./errors.ts";
import { parseRetryAfter } from "./retry-after.ts";
import { redact, safeCause } from "./secret.ts";

export const TOKEN_ROUTE = "application-token";

export interface MintedToken {
  accessToken: string;
  expiresInSeconds: number;
}

export interface MintOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  now: () => number;
}

const CREDENTIALS: LumAppsSetting[] = ["applicationId", "applicationSecret"];

/** Everything derived from the secret that must never be shown. */
export function secretForms(connection: LumAppsConnection): string[] {
  const secret = connection.applicationSecret.reveal();
  return [secret, basicCredentials(connection)];
}

function basicCredentials(connection: LumAppsConnection): string {
  return Buffer.from(`${connection.applicationId}:${connection.applicationSecret.reveal()}`, "utf8").toString(
    "base64",
  );
}

/** `POST {cell}/v2/organizations/{org}/application-token` once (API.md §2); errors name the setting to check. */
export async function mintApplicationToken(
  connection: LumAppsConnection,
  options: MintOptions,
): Promise<MintedToken> {
  const hidden = secretForms(connection);
  const url = `${connection.cell}/v2/organizations/${encodeURIComponent(connection.organizationId)}/application-token`;
  const form = new URLSearchParams({ grant_type: "client_credentials" });
  if (connection.authorizedUserId) form.set("user_id", connection.authorizedUserId);
  else if (connection.authorizedUserEmail) form.set("user_email", connection.authorizedUserEmail);
  const user = connection.authorizedUserId ? "authorizedUserId" : "authorizedUserEmail";

  let response: Response;
  let body: string;
  try {
    response = await options.fetch(url, {
      method: "POST",
      headers: {
        authorization: `Basic ${basicCredentials(connection)}`,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      body: form,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    body = await response.text();
  } catch (error) {
    throw unreachable(connection, error, hidden, options.timeoutMs);
  }

  const callId = response.headers.get("lumapps-call-id") ?? undefined;
  const detail = redact(body, hidden).replace(/\s+/g, " ").trim().slice(0, 300);
  const base = { route: TOKEN_ROUTE, status: response.status, callId, context: { detail } };
  const isJson = (response.headers.get("content-type") ?? "").includes("json");

  if (response.ok && isJson) {
    const parsed = LumAppsApplicationTokenSchema.safeParse(safeJson(body));
    if (parsed.success)
      return { accessToken: parsed.data.access_token, expiresInSeconds: parsed.data.expires_in };
    throw new LumAppsAuthError(
      `the token endpoint of ${connection.cell} answered 200 without an access_token and expires_in: check cell`,
      { ...base, retryable: false, reason: "bad_answer", settings: ["cell"] },
    );
  }
  if (response.status === 429 || response.status >= 500) {
    throw new LumAppsAuthError(
      `the LumApps token endpoint is unavailable (HTTP ${response.status}); try again later`,
      {
        ...base,
        retryable: true,
        retryAfterMs: parseRetryAfter(response.headers.get("retry-after"), options.now()),
        reason: "unavailable",
        settings: [],
      },
    );
  }
  if (response.status === 400 || response.status === 401) {
    const aboutUser = /user/i.test(detail);
    const settings: LumAppsSetting[] = aboutUser ? [user] : [...CREDENTIALS, user];
    const check = aboutUser
      ? `check ${user}: it must be an existing user the application may act as`
      : `check applicationId and applicationSecret (the secret is shown once, when the application is created), and ${user}`;
    throw new LumAppsAuthError(
      `LumApps refused the application's credentials (HTTP ${response.status}): ${check}`,
      {
        ...base,
        retryable: false,
        reason: "bad_credentials",
        settings,
      },
    );
  }
  if (response.status === 403) {
    throw new LumAppsAuthError(
      `LumApps forbids the application to act as this user (HTTP 403): check ${user}, and that the application is allowed to act on its behalf`,
      { ...base, retryable: false, reason: "forbidden", settings: [user, "applicationId"] },
    );
  }
  if (response.status === 404 || !isJson) {
    throw new LumAppsAuthError(
      `${connection.cell} does not answer like a LumApps cell (HTTP ${response.status}${isJson ? "" : ", not JSON"} from the token endpoint): check cell (your Haussmann cell, e.g. https://go-cell-001.api.lumapps.com) and organizationId`,
      { ...base, retryable: false, reason: "not_an_api_host", settings: ["cell", "organizationId"] },
    );
  }
  throw new LumAppsAuthError(`unexpected answer from the LumApps token endpoint (HTTP ${response.status})`, {
    ...base,
    retryable: false,
    reason: "bad_answer",
    settings: [],
  });
}

function unreachable(connection: LumAppsConnection, error: unknown, hidden: string[], timeoutMs: number) {
  const cause = safeCause(error, hidden);
  const code = String((cause?.cause as { code?: unknown } | undefined)?.code ?? "");
  const timedOut = cause?.name === "TimeoutError" || cause?.name === "AbortError";
  const why = timedOut
    ? `did not answer within ${timeoutMs} ms`
    : code === "ENOTFOUND" || code === "EAI_AGAIN"
      ? "does not resolve (DNS)"
      : code === "ECONNREFUSED"
        ? "refused the connection"
        : `cannot be reached (${code || cause?.message || "network error"})`;
  return new LumAppsAuthError(`the LumApps cell ${connection.cell} ${why}: check cell and the network`, {
    route: TOKEN_ROUTE,
    retryable: code !== "ENOTFOUND",
    reason: "unreachable",
    settings: ["cell"],
    context: { code: code || undefined, timedOut },
    cause,
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
