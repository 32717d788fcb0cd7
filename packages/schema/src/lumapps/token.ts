import { z } from "zod";

/**
 * Answer of `POST /v2/organizations/{org}/application-token` (API.md §2). `token_type` and
 * `scope` may or may not be present (UNSURE); `expires_in` is seconds, a number or a digit string.
 */
export const LumAppsApplicationTokenSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z
    .union([
      z.number(),
      z
        .string()
        .regex(/^\d+(\.\d+)?$/)
        .transform(Number),
    ])
    .pipe(z.number().positive()),
  token_type: z.string().nullish(),
  scope: z.string().nullish(),
});
export type LumAppsApplicationToken = z.infer<typeof LumAppsApplicationTokenSchema>;
