import { z } from "zod";
import { AudienceSchema } from "../audience.ts";
import { envelopeFields, IsoDateSchema } from "../envelope.ts";
import { ContentIdSchema, ContentKeySchema } from "../identities.ts";
import { LangMapSchema, LangSchema } from "../languages.ts";
import { SnippetIdSchema } from "../snippet-id.ts";
import { TagIdSchema, TagSchema } from "../tags.ts";
import { DeleteReasonSchema, SiteRefSchema } from "./content.ts";

export const SnippetKindSchema = z.enum(["text", "list", "table", "code", "quote"]);

/** One snippet: what an assistant retrieves. */
export const SnippetSchema = z.object({
  id: SnippetIdSchema,
  key: ContentKeySchema,
  lang: LangSchema,
  /** 0-based position in the content's reading order for this language */
  ordinal: z.number().int().nonnegative(),
  prevId: SnippetIdSchema.nullable(),
  nextId: SnippetIdSchema.nullable(),
  text: z.string().min(1),
  /** the content's title in this language */
  title: z.string(),
  headingPath: z.array(z.string()),
  /** canonical URL, plus `#anchor` when the nearest heading has an id */
  url: z.string(),
  kind: SnippetKindSchema,
  /** approximate token count (docs/snippets.md says how it is estimated) */
  tokens: z.number().int().nonnegative(),
  /** tag ids; their labels are in the set's `tags` */
  tags: z.array(TagIdSchema),
  /** who may read this text: the content's audience narrowed by its widget's */
  audience: AudienceSchema,
  author: z.string().optional(),
  publishedAt: IsoDateSchema.optional(),
  updatedAt: IsoDateSchema,
  /** link targets inside the text, when kept (never inline in `text`) */
  links: z.array(z.string()).optional(),
});
export type Snippet = z.infer<typeof SnippetSchema>;

export const LanguageSnippetsSchema = z.object({
  lang: LangSchema,
  snippets: z.array(SnippetSchema),
});

/** A value of `lumasnip.snippets.v1`: every language of one content, replacing what was there. */
export const SnippetSetSchema = z.object({
  ...envelopeFields,
  kind: z.literal("snippets.upserted"),
  key: ContentKeySchema,
  contentId: ContentIdSchema,
  /** LumApps `version` of the content these snippets come from */
  sourceVersion: z.number().int().nonnegative(),
  sourceUpdatedAt: IsoDateSchema,
  /** hash of everything below (and of the snippetizer settings): equal hash, nothing to do */
  contentHash: z.string().min(1),
  type: z.string(),
  customContentTypeId: z.string().optional(),
  site: SiteRefSchema,
  title: LangMapSchema,
  url: LangMapSchema,
  tags: z.array(TagSchema),
  /** the content's own audience (who may see the manifest and listings) */
  audience: AudienceSchema,
  author: z.string().optional(),
  publishedAt: IsoDateSchema.optional(),
  endDate: IsoDateSchema.optional(),
  languages: z.array(LanguageSnippetsSchema),
});
export type SnippetSet = z.infer<typeof SnippetSetSchema>;

export const SnippetsDeletedSchema = z.object({
  ...envelopeFields,
  kind: z.literal("snippets.deleted"),
  key: ContentKeySchema,
  contentId: ContentIdSchema,
  reason: DeleteReasonSchema,
});
export type SnippetsDeleted = z.infer<typeof SnippetsDeletedSchema>;

export const SnippetEventSchema = z.discriminatedUnion("kind", [SnippetSetSchema, SnippetsDeletedSchema]);
export type SnippetEvent = z.infer<typeof SnippetEventSchema>;
