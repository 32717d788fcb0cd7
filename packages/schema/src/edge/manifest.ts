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
  /**
   * Per snippet id, a hash of the snippet without its position (`ordinal`, `prevId`, `nextId`) and
   * `updatedAt`: the publisher's diff rewrites a snippet only when this changes. The edge does not serve it.
   */
  fingerprints: z.record(SnippetIdSchema, z.string().min(1).max(64)).optional(),
  /**
   * Audiences of the snippets whose audience differs from the content's (text in widgets with
   * their own feedKeys), so the edge can hide their ids without reading them. Never served.
   */
  snippetAudiences: z.record(SnippetIdSchema, AudienceSchema).optional(),
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
