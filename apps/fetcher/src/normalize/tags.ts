import { type LangMap, TAG_PATTERN, type Tag, tagId } from "@lumasnip/schema";

/** Labels of one metadata value, with its family's (the category). */
export interface MetadataLabels {
  labels: LangMap;
  family?: { id: string; labels: LangMap } | undefined;
}

/** What normalization needs to know about labels; filled by the label cache beforehand. */
export interface LabelLookup {
  metadata(id: string): MetadataLabels | undefined;
  contentType(id: string): LangMap | undefined;
}

export interface TagInput {
  type: string;
  contentTypeId: string | undefined;
  siteId: string;
  siteName: LangMap | undefined;
  metadataIds: readonly string[];
}

/**
 * The content's tags: its type, content type and site, and each metadata value keyed by id
 * (`metadata:<id>`, so a renamed label keeps its tag) with labels per language. Ids that cannot
 * form a tag are returned apart, to be logged.
 */
export function buildTags(input: TagInput, labels: LabelLookup): { tags: Tag[]; skipped: string[] } {
  const tags: Tag[] = [];
  const skipped: string[] = [];
  const add = (id: string, tagLabels: LangMap, family?: Tag["family"]) => {
    if (!TAG_PATTERN.test(id)) {
      skipped.push(id);
      return;
    }
    if (tags.some((t) => t.id === id)) return;
    tags.push(family ? { id, labels: tagLabels, family } : { id, labels: tagLabels });
  };
  add(tagId.type(input.type), {});
  if (input.contentTypeId)
    add(tagId.contentType(input.contentTypeId), labels.contentType(input.contentTypeId) ?? {});
  add(tagId.site(input.siteId), input.siteName ?? {});
  for (const id of input.metadataIds) {
    const found = labels.metadata(id);
    add(tagId.metadata(id), found?.labels ?? {}, found?.family);
  }
  return { tags, skipped };
}
