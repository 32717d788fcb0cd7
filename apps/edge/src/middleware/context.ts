import { AUDIENCE_HEADER } from "@lumasnip/schema";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import { readVars } from "../env.ts";
import { createKvStore } from "../kv/store.ts";

/** Checked vars and a counting KV port for every request; optionally reports the count. */
export function requestContext(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const kv = createKvStore(c.env.SNIPPETS);
    c.set("kv", kv);
    const vars = readVars(c.env);
    c.set("vars", vars);
    await next();
    if (vars.exposeKvOps) c.res.headers.set("x-lumasnip-kv-ops", String(kv.ops));
  };
}

/**
 * Answers depend on the key (and a trusted key's narrowing): shared caches must not keep them,
 * and a private cache revalidates with the ETag. Applied to errors too, so a 404 is not cached either.
 */
export function privateCache(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // set before the handler: every answer built from here on (304s and errors too) carries them
    c.header("cache-control", "private, no-cache");
    c.header("vary", `Authorization, ${AUDIENCE_HEADER}`);
    await next();
  };
}
