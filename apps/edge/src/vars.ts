import { MIN_STALE_GRACE_SECONDS } from "@lumasnip/schema";
import { z } from "zod";

/** The worker's vars and secrets, checked with zod at the first request of an isolate (no worker types here, so Node tools can read it too). */
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
