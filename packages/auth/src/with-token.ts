import { LumAppsAuthError } from "./errors.ts";
import type { TokenProvider } from "./token-provider.ts";

/**
 * Sends one API request with the source's token. A 401 re-mints once and sends once more; a
 * second 401 is a credentials error. Anything else (429 included: never a reason to re-mint) is
 * returned to the caller as is.
 */
export async function sendWithToken(
  tokens: TokenProvider,
  route: string,
  send: (token: string) => Promise<Response>,
): Promise<Response> {
  const first = await tokens.token();
  const response = await send(first);
  if (response.status !== 401) return response;
  await response.body?.cancel();
  tokens.invalidate(first);
  const again = await send(await tokens.token());
  if (again.status !== 401) return again;
  await again.body?.cancel();
  throw new LumAppsAuthError(
    "LumApps refused a freshly minted token (HTTP 401 twice): check that authorizedUserId is an active user and that the application still exists",
    {
      route,
      status: 401,
      callId: again.headers.get("lumapps-call-id") ?? undefined,
      retryable: false,
      reason: "token_rejected",
      settings: ["authorizedUserId", "applicationId"],
    },
  );
}
