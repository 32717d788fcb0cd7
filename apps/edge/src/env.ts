import { MIN_STALE_GRACE_SECONDS } from "@lumasnip/schema";
import { z } from "zod";
import type { Principal, Reader } from "./auth/principal.ts";
import type { KvStore } from "./kv/store.ts";

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

export type AppEnv = { Bindings: Bindings; Variables: Variables };

const flag = z
  .enum(["true", "false", ""])
  .optional()
  .transform((v) => v === "true");
const seconds = (fallback: number) => z.coerce.number().int().positive().max(86_400).default(fallback);

export const VarsSchema = z
  .object({
    STALE_GRACE_SECONDS: seconds(MIN_STALE_GRACE_SECONDS),
    ALLOW_SHORT_GRACE: flag,
    AUTH_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
    MANIFEST_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(10),
    LAST_USED_INTERVAL_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(10),
    EXPOSE_KV_OPS: flag,
    ADMIN_SECRET: z
      .string()
      .regex(
        /^[\x21-\x7e]{32,512}$/,
        "use 32-512 printable ASCII characters without spaces (openssl rand -base64 32)",
      )
      .optional(),
    CURSOR_SECRET: z.string().min(32, "use at least 32 characters (openssl rand -base64 32)").optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.ALLOW_SHORT_GRACE && v.STALE_GRACE_SECONDS < MIN_STALE_GRACE_SECONDS) {
      ctx.addIssue({
        code: "custom",
        path: ["STALE_GRACE_SECONDS"],
        message: `must be at least ${MIN_STALE_GRACE_SECONDS} so readers holding the previous manifest see no holes`,
      });
    }
    if (!v.CURSOR_SECRET && !v.ADMIN_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["CURSOR_SECRET"],
        message: "set CURSOR_SECRET (or ADMIN_SECRET): it seals listing cursors",
      });
    }
  });

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
