import { z } from "zod";
import { LumAppsIdSchema, LumAppsLocalizedTextSchema, LumAppsTimestampSchema } from "./common.ts";

/**
 * A metadata value or family (`metadata/get`, `metadata/list`). A value points at its family by
 * `familyKey` or `parent` (UNSURE which one is set); the family's own `name` is the category.
 */
export const LumAppsMetadataSchema = z.looseObject({
  id: LumAppsIdSchema,
  uid: LumAppsIdSchema.nullish(),
  name: LumAppsLocalizedTextSchema.nullish(),
  familyKey: z.string().nullish(),
  parent: z.string().nullish(),
  functionalInnerId: z.string().nullish(),
  instance: z.string().nullish(),
  customer: z.string().nullish(),
  createdAt: LumAppsTimestampSchema.nullish(),
  updatedAt: LumAppsTimestampSchema.nullish(),
});
export type LumAppsMetadata = z.infer<typeof LumAppsMetadataSchema>;

/** A content type (`customcontenttype/list`); `functionalInnerId` is `page`, `news`, ... */
export const LumAppsContentTypeSchema = z.looseObject({
  id: LumAppsIdSchema,
  uid: LumAppsIdSchema.nullish(),
  name: LumAppsLocalizedTextSchema.nullish(),
  functionalInnerId: z.string().nullish(),
  instance: z.string().nullish(),
  customer: z.string().nullish(),
  updatedAt: LumAppsTimestampSchema.nullish(),
});
export type LumAppsContentType = z.infer<typeof LumAppsContentTypeSchema>;
