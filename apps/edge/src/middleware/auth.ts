import { constantTimeEqual, hashApiKey, looksLikeApiKey } from "@lumasnip/auth/api-keys";
import { AUDIENCE_HEADER, GroupIdSchema, type Scope } from "@lumasnip/schema";
import type { MiddlewareHandler } from "hono";
import { findKey, recordUse } from "../auth/key-store.ts";
import type { Principal } from "../auth/principal.ts";
import type { AppEnv } from "../env.ts";
import { badRequest, FORBIDDEN, UNAUTHORIZED } from "../errors.ts";

const BEARER = /^Bearer ([\x21-\x7e]{1,512})$/;

const secretHashes = new Map<string, Promise<string>>();
// presented key -> its hash, per isolate and bounded: a busy key is hashed once, not per request
const tokenHashes = new Map<string, string>();
const TOKEN_HASHES_MAX = 2000;
function adminSecretHash(secret: string): Promise<string> {
  let h = secretHashes.get(secret);
  if (!h) {
    h = hashApiKey(secret);
    secretHashes.set(secret, h);
  }
  return h;
}

export interface RequireKeyOptions {
  /** any one of these scopes lets the request through */
  scopes: readonly Scope[];
  /** the bootstrap secret is accepted too (it carries the `admin` scope only) */
  bootstrap?: boolean;
}

async function principalFrom(
  token: string,
  c: Parameters<MiddlewareHandler<AppEnv>>[0],
  bootstrap: boolean,
): Promise<Principal | null> {
  const vars = c.get("vars");
  let presented = tokenHashes.get(token);
  if (!presented) {
    presented = await hashApiKey(token);
    if (tokenHashes.size >= TOKEN_HASHES_MAX) tokenHashes.delete(tokenHashes.keys().next().value as string);
    tokenHashes.set(token, presented);
  }
  if (
    bootstrap &&
    vars.adminSecret &&
    constantTimeEqual(presented, await adminSecretHash(vars.adminSecret))
  ) {
    return { kind: "bootstrap", id: "bootstrap", scopes: ["admin"], audiences: [], trusted: false };
  }
  if (!looksLikeApiKey(token)) return null;
  const now = Date.now();
  const found = await findKey(c.get("kv"), presented, {
    now,
    cacheMs: vars.authCacheMs,
    lastUsedIntervalMs: vars.lastUsedIntervalMs,
  });
  if (!found) return null;
  if (found.touch) {
    // at most once per interval per key and isolate: KV takes one write per second per key
    const write = recordUse(c.get("kv"), presented, now).catch(() => {});
    try {
      c.executionCtx.waitUntil(write);
    } catch {
      await write;
    }
  }
  const r = found.record;
  return { kind: "key", id: r.id, scopes: r.scopes, audiences: r.audiences, trusted: r.trusted };
}

/**
 * Authenticates `Authorization: Bearer <key>` and checks the scope. Missing, malformed, unknown and
 * revoked keys all get the same 401; a valid key without the scope gets the same 403 everywhere.
 */
export function requireKey(options: RequireKeyOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const m = BEARER.exec(c.req.header("authorization") ?? "");
    if (!m) throw UNAUTHORIZED();
    const principal = await principalFrom(m[1] as string, c, options.bootstrap ?? false);
    if (!principal) throw UNAUTHORIZED();
    if (!principal.scopes.some((s) => options.scopes.includes(s))) throw FORBIDDEN();
    c.set("principal", principal);
    await next();
  };
}

const MAX_AUDIENCE_HEADER = 32 * 1024;
const MAX_NARROWED_GROUPS = 1000;

/**
 * The reader of a /v1 request. A trusted key may narrow its view with the audience header; an
 * untrusted key sending it gets 403 rather than a silently wider answer than its caller expects.
 */
export function resolveReader(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get("principal");
    const header = c.req.header(AUDIENCE_HEADER);
    let narrowedTo: string[] | undefined;
    if (header !== undefined) {
      if (!principal.trusted) throw FORBIDDEN();
      if (header.length > MAX_AUDIENCE_HEADER) throw badRequest(`${AUDIENCE_HEADER} is too long`);
      const groups = header
        .split(",")
        .map((g) => g.trim())
        .filter((g) => g !== "");
      if (groups.length > MAX_NARROWED_GROUPS)
        throw badRequest(`${AUDIENCE_HEADER} lists more than ${MAX_NARROWED_GROUPS} groups`);
      if (!groups.every((g) => GroupIdSchema.safeParse(g).success)) {
        throw badRequest(`${AUDIENCE_HEADER} is a comma-separated list of group ids`);
      }
      narrowedTo = groups;
    }
    c.set("reader", { audiences: principal.audiences, narrowedTo });
    await next();
  };
}
