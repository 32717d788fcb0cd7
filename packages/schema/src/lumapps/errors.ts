import { z } from "zod";

/** v2 error body: `{"errors": [{"code", "title", "detail", "status"}]}` (`reference/v2_article_not_found.json`). */
export const LumAppsV2ErrorBodySchema = z.looseObject({
  errors: z.array(
    z.looseObject({
      code: z.string().nullish(),
      title: z.string().nullish(),
      detail: z.string().nullish(),
      status: z.union([z.string(), z.number()]).nullish(),
    }),
  ),
});
export type LumAppsV2ErrorBody = z.infer<typeof LumAppsV2ErrorBodySchema>;

/** v1 error body (UNSURE): Google-endpoints style `{"error": {"code", "message", "errors"}}`. */
export const LumAppsV1ErrorBodySchema = z.looseObject({
  error: z.looseObject({
    code: z.union([z.number(), z.string()]).nullish(),
    message: z.string().nullish(),
    errors: z.array(z.unknown()).nullish(),
  }),
});
export type LumAppsV1ErrorBody = z.infer<typeof LumAppsV1ErrorBodySchema>;
