import { z } from "zod";
import {
  LumAppsFeedKeysSchema,
  LumAppsIdSchema,
  LumAppsLocalizedTextSchema,
  LumAppsPersonSchema,
  LumAppsTimestampSchema,
  LumAppsVersionSchema,
} from "./common.ts";
import { LumAppsTemplateSchema } from "./template.ts";

/**
 * A draft in progress can make `lastRevision` newer than the top-level (live) fields; only its
 * status, version and date matter to us.
 */
export const LumAppsRevisionSchema = z.looseObject({
  status: z.string().nullish(),
  version: LumAppsVersionSchema.nullish(),
  updatedAt: LumAppsTimestampSchema.nullish(),
});

/**
 * A LumApps content (page, news, custom, community, ...) as `content/list` and `content/get`
 * return it (API.md §5, `reference/content_1.json`). Tolerant: every field but the id is optional
 * because a `fields` projection may leave any of them out, and unknown fields are kept.
 */
export const LumAppsContentSchema = z.looseObject({
  id: LumAppsIdSchema,
  uid: LumAppsIdSchema.nullish(),
  type: z.string().nullish(),
  customContentType: z.string().nullish(),
  instance: z.string().nullish(),
  customer: z.string().nullish(),
  status: z.string().nullish(),
  version: LumAppsVersionSchema.nullish(),
  lastRevision: LumAppsRevisionSchema.nullish(),
  title: LumAppsLocalizedTextSchema.nullish(),
  slug: LumAppsLocalizedTextSchema.nullish(),
  excerpt: LumAppsLocalizedTextSchema.nullish(),
  canonicalUrl: LumAppsLocalizedTextSchema.nullish(),
  url: z.string().nullish(),
  link: LumAppsLocalizedTextSchema.nullish(),
  /** groups the content is visible to; the meaning of an empty list is a setting (DESIGN.md) */
  feedKeys: LumAppsFeedKeysSchema.nullish(),
  public: z.boolean().nullish(),
  /** metadata value ids (tags), resolved with `metadata/get` */
  metadata: z.array(z.string()).nullish(),
  tags: z.array(z.unknown()).nullish(),
  tagsDetails: z.array(z.unknown()).nullish(),
  author: z.string().nullish(),
  authorId: z.string().nullish(),
  authorDetails: LumAppsPersonSchema.nullish(),
  writerDetails: LumAppsPersonSchema.nullish(),
  updatedByDetails: LumAppsPersonSchema.nullish(),
  createdAt: LumAppsTimestampSchema.nullish(),
  updatedAt: LumAppsTimestampSchema.nullish(),
  publicationDate: LumAppsTimestampSchema.nullish(),
  startDate: LumAppsTimestampSchema.nullish(),
  endDate: LumAppsTimestampSchema.nullish(),
  template: LumAppsTemplateSchema.nullish(),
});
export type LumAppsContent = z.infer<typeof LumAppsContentSchema>;
