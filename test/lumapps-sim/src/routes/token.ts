import type { RouteContext } from "../server/context.ts";
import { SimHttpError } from "../server/errors.ts";
import type { SimResponse } from "../server/responses.ts";
import type { Tokens } from "../server/tokens.ts";

/**
 * POST /v2/organizations/{org}/application-token: Basic id:secret, form body
 * `grant_type=client_credentials` and `user_id` or `user_email` (API.md §2).
 */
export function applicationToken(ctx: RouteContext, org: string, tokens: Tokens): SimResponse {
  const { settings } = ctx;
  const basic = parseBasic(ctx.headers.authorization);
  if (!basic) throw new SimHttpError(401, "Missing or malformed Basic authorization");
  if (
    org !== settings.org ||
    basic.id !== settings.app.applicationId ||
    basic.secret !== settings.app.secret
  ) {
    throw new SimHttpError(401, "Invalid application credentials");
  }
  const type = String(ctx.headers["content-type"] ?? "");
  if (!type.startsWith("application/x-www-form-urlencoded")) {
    throw new SimHttpError(400, "The body must be application/x-www-form-urlencoded");
  }
  const form = new URLSearchParams(typeof ctx.body === "string" ? ctx.body : "");
  if (form.get("grant_type") !== "client_credentials") {
    throw new SimHttpError(400, "Unsupported grant_type: client_credentials is expected");
  }
  const userId = form.get("user_id");
  const userEmail = form.get("user_email");
  if (!userId && !userEmail) throw new SimHttpError(400, "user_id or user_email is required");
  const user = settings.users.find((u) => (userId ? u.id === userId : u.email === userEmail));
  if (!user) throw new SimHttpError(400, "Unknown user");
  if (user.impersonable === false) {
    throw new SimHttpError(403, "The application is not allowed to act on behalf of this user");
  }
  const minted = tokens.mint({ sub: user.id, org, app: basic.id });
  // token_type and scope are left out on purpose: API.md is unsure they exist, clients must not need them
  return { status: 200, body: { access_token: minted.token, expires_in: minted.expiresIn } };
}

function parseBasic(header: string | string[] | undefined): { id: string; secret: string } | undefined {
  if (typeof header !== "string") return undefined;
  const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
