import { z } from "zod";
import { AudienceSchema } from "../audience.ts";
import { envelopeFields, IsoDateSchema } from "../envelope.ts";
import { ContentIdSchema, ContentKeySchema } from "../identities.ts";
import { LangMapSchema, LangSchema } from "../languages.ts";
import { TagSchema } from "../tags.ts";

export const SiteRefSchema = z.object({
  /** a LumApps site (instance) id; the same characters a `site:<id>` tag allows, so it fits KV keys */
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, "a site id is 1-128 of A-Z a-z 0-9 _ . -"),
  slug: z.string().optional(),
  name: LangMapSchema.optional(),
  defaultLang: LangSchema.optional(),
});

/** The normalized content the fetcher emits: BCP 47 keys everywhere, resolved tags, audience. */
export const NormalizedContentSchema = z.object({
  id: ContentIdSchema,
  /** page, news, custom, ... (LumApps `type`) */
  type: z.string().min(1),
  customContentTypeId: z.string().optional(),
  contentTypeName: LangMapSchema.optional(),
  site: SiteRefSchema,
  status: z.string(),
  /** every language the item has (title or body), BCP 47 */
  languages: z.array(LangSchema),
  title: LangMapSchema,
  excerpt: LangMapSchema,
  slug: LangMapSchema,
  /** absolute canonical URL per language */
  url: LangMapSchema,
  /** display name only: emails are never carried downstream */
  author: z.object({ displayName: z.string() }).optional(),
  createdAt: IsoDateSchema.optional(),
  updatedAt: IsoDateSchema,
  publicationDate: IsoDateSchema.optional(),
  endDate: IsoDateSchema.optional(),
  version: z.number().int().nonnegative(),
  /** the content's effective audience (feed keys after the empty-audience policy) */
  audience: AudienceSchema,
  tags: z.array(TagSchema),
  /** the raw LumApps template (language keys as LumApps wrote them; widgets keep their feedKeys) */
  template: z.unknown(),
});
export type NormalizedContent = z.infer<typeof NormalizedContentSchema>;

export const ContentUpsertedSchema = z.object({
  ...envelopeFields,
  kind: z.literal("content.upserted"),
  key: ContentKeySchema,
  content: NormalizedContentSchema,
});
export type ContentUpserted = z.infer<typeof ContentUpsertedSchema>;

export const DeleteReasonSchema = z.enum(["deleted", "archived", "unpublished", "expired", "not_visible"]);
export type DeleteReason = z.infer<typeof DeleteReasonSchema>;

export const ContentDeletedSchema = z.object({
  ...envelopeFields,
  kind: z.literal("content.deleted"),
  key: ContentKeySchema,
  contentId: ContentIdSchema,
  reason: DeleteReasonSchema,
  /** the last version the fetcher had emitted, when known */
  lastVersion: z.number().int().nonnegative().optional(),
});
export type ContentDeleted = z.infer<typeof ContentDeletedSchema>;

/** A value of `lumasnip.content.v1`. */
export const ContentEventSchema = z.discriminatedUnion("kind", [ContentUpsertedSchema, ContentDeletedSchema]);
export type ContentEvent = z.infer<typeof ContentEventSchema>;
