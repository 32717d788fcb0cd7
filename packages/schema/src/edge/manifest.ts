import { z } from "zod";
import { AudienceSchema } from "../audience.ts";
import { IsoDateSchema, SCHEMA_VERSION } from "../envelope.ts";
import { SiteRefSchema } from "../events/content.ts";
import { ContentIdSchema, ContentKeySchema, SourceIdSchema } from "../identities.ts";
import { LangMapSchema, LangSchema } from "../languages.ts";
import { SnippetIdSchema } from "../snippet-id.ts";
import { TagSchema } from "../tags.ts";

/** What the edge serves about one content, and the publisher's view of what is in KV. */
export const ManifestSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  key: ContentKeySchema,
  sourceId: SourceIdSchema,
  contentId: ContentIdSchema,
  /** bumped by every commit; the precondition of the next one */
  version: z.number().int().positive(),
  sourceVersion: z.number().int().nonnegative(),
  contentHash: z.string(),
  type: z.string(),
  customContentTypeId: z.string().optional(),
  site: SiteRefSchema,
  title: LangMapSchema,
  url: LangMapSchema,
  tags: z.array(TagSchema),
  audience: AudienceSchema,
  author: z.string().optional(),
  publishedAt: IsoDateSchema.optional(),
  endDate: IsoDateSchema.optional(),
  updatedAt: IsoDateSchema,
  /** snippet ids in reading order, per language */
  languages: z.array(z.object({ lang: LangSchema, snippetIds: z.array(SnippetIdSchema) })),
  committedAt: IsoDateSchema,
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** The value of an index entry: enough to list and filter without reading the manifest. */
export const IndexEntrySchema = z.object({
  key: ContentKeySchema,
  audience: AudienceSchema,
  title: LangMapSchema,
  url: LangMapSchema,
  updatedAt: IsoDateSchema,
  publishedAt: IsoDateSchema.optional(),
  endDate: IsoDateSchema.optional(),
});
export type IndexEntry = z.infer<typeof IndexEntrySchema>;
