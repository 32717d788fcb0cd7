import { z } from "zod";
import { LumAppsTimestampSchema } from "./common.ts";

/**
 * A v2 community post ("article", `GET /v2/organizations/{org}/articles/{id}`): DITA trees per
 * language under `structuredContent` (`reference/v2_article.json`). Kept loose: nothing reads
 * articles yet beyond their ids, dates and the DITA tree.
 */
export const LumAppsArticleSchema = z.looseObject({
  id: z.string(),
  createdAt: LumAppsTimestampSchema.nullish(),
  updatedAt: LumAppsTimestampSchema.nullish(),
  author: z.looseObject({ email: z.string().nullish(), fullName: z.string().nullish() }).nullish(),
  structuredContent: z
    .looseObject({
      dita: z
        .looseObject({
          lang: z.string().nullish(),
          translations: z.record(z.string(), z.unknown()).nullish(),
        })
        .nullish(),
    })
    .nullish(),
});
export type LumAppsArticle = z.infer<typeof LumAppsArticleSchema>;
