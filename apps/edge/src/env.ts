import type { Principal, Reader } from "./auth/principal.ts";
import type { KvStore } from "./kv/store.ts";
import { VarsSchema } from "./vars.ts";

/**
 * The worker's bindings: `Env` comes from `wrangler types` (worker-configuration.d.ts); secrets
 * and test-only switches are not in wrangler.jsonc, so they are added here.
 */
export interface Bindings extends Env {
  /** bootstrap secret (`wrangler secret put ADMIN_SECRET`): acts as an admin key on /admin/v1/keys */
  ADMIN_SECRET?: string;
  /** seals listing cursors; falls back to ADMIN_SECRET */
  CURSOR_SECRET?: string;
  /** lets STALE_GRACE_SECONDS go under 120 s: tests and local demos only */
  ALLOW_SHORT_GRACE?: string;
  /** adds `x-lumasnip-kv-ops` to responses: tests and benchmarks only */
  EXPOSE_KV_OPS?: string;
}

export interface Variables {
  vars: Vars;
  kv: KvStore;
  principal: Principal;
  reader: Reader;
}

export { VarsSchema };

export type AppEnv = { Bindings: Bindings; Variables: Variables };

export interface Vars {
  staleGraceMs: number;
  authCacheMs: number;
  manifestCacheMs: number;
  lastUsedIntervalMs: number;
  exposeKvOps: boolean;
  adminSecret: string | undefined;
  cursorSecret: string;
}

export class VarsError extends Error {
  override name = "VarsError";
}

const parsed = new WeakMap<object, Vars | VarsError>();

/** Checks the vars once per isolate (the env object is stable); names the variable, never its value. */
export function readVars(env: Bindings): Vars {
  let vars = parsed.get(env);
  if (!vars) {
    const r = VarsSchema.safeParse(env);
    if (r.success) {
      vars = {
        staleGraceMs: r.data.STALE_GRACE_SECONDS * 1000,
        authCacheMs: r.data.AUTH_CACHE_SECONDS * 1000,
        manifestCacheMs: r.data.MANIFEST_CACHE_SECONDS * 1000,
        lastUsedIntervalMs: r.data.LAST_USED_INTERVAL_MINUTES * 60_000,
        exposeKvOps: r.data.EXPOSE_KV_OPS,
        adminSecret: r.data.ADMIN_SECRET,
        cursorSecret: (r.data.CURSOR_SECRET ?? r.data.ADMIN_SECRET) as string,
      };
    } else {
      const problems = r.error.issues.map((i) => `${i.path.join(".") || "(vars)"}: ${i.message}`);
      vars = new VarsError(`the worker's vars are invalid: ${problems.join("; ")}`);
    }
    parsed.set(env, vars);
  }
  if (vars instanceof VarsError) throw vars;
  return vars;
}
