import type { Chunk } from "../pack/pack-section.ts";
import type { Section } from "../pack/sections.ts";
import { snippetIdSync } from "./hash.ts";

export interface DraftSnippet {
  section: Section;
  chunk: Chunk;
}

/**
 * Snippet ids (the contracts' `snippetId`). The occurrence number counts identical text under
 * the same heading path across the whole language, so two sections with the same path and the
 * same passage still get distinct ids, and ids never collide within a content.
 */
export function assignIds(
  sourceId: string,
  contentId: string,
  lang: string,
  drafts: readonly DraftSnippet[],
): string[] {
  // keyed by the id of the first occurrence: equal (path, text) pairs share it, and a 26-character
  // key is cheaper to look up than the text itself
  const seen = new Map<string, number>();
  return drafts.map((d) => {
    const input = {
      sourceId,
      contentId,
      lang,
      headingPath: d.section.headingPath,
      text: d.chunk.text,
      occurrence: 0,
    };
    const first = snippetIdSync(input);
    const occurrence = seen.get(first) ?? 0;
    seen.set(first, occurrence + 1);
    return occurrence === 0 ? first : snippetIdSync({ ...input, occurrence });
  });
}
