import { z } from "zod";
import { LangMapSchema } from "./languages.ts";

/**
 * Tag ids: `metadata:<id>` (LumApps metadata, keyed by id so a renamed label keeps its tag),
 * `type:<page|news|custom|...>`, `content-type:<customContentType id>`, `site:<site id>`.
 * Labels per language are kept beside the id.
 */
export const TAG_PATTERN = /^(metadata|type|content-type|site):[A-Za-z0-9_.-]{1,128}$/;
export const TagIdSchema = z
  .string()
  .regex(TAG_PATTERN, "a tag is metadata:<id>, type:<t>, content-type:<id> or site:<id>");

export const TagSchema = z.object({
  id: TagIdSchema,
  /** labels per BCP 47 language; for metadata also the family's label under `family` */
  labels: LangMapSchema,
  family: z.object({ id: z.string(), labels: LangMapSchema }).optional(),
});
export type Tag = z.infer<typeof TagSchema>;

export const tagId = {
  metadata: (id: string) => `metadata:${id}`,
  type: (type: string) => `type:${type}`,
  contentType: (id: string) => `content-type:${id}`,
  site: (id: string) => `site:${id}`,
};
