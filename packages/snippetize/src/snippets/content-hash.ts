import type { SnippetSet } from "@lumasnip/schema";
import type { SnippetizeSettings } from "../settings.ts";
import { sha256Base32 } from "./hash.ts";

/**
 * Version of the snippetizing rules. Bump it when a change alters the output for the same input
 * and settings, so every content hash changes and a reprocess republishes (docs/snippets.md).
 */
export const ALGORITHM_VERSION = "lumasnip.snippetize.v1";

/**
 * Hash of everything a set carries except when it was produced, plus the rules and settings.
 * A snippet's id already hashes its text, heading path, language and position among equal
 * texts, so each snippet enters as its id plus the fields the id does not cover; `ordinal`,
 * `prevId`/`nextId` follow from the order, `tokens` from the text, the rest from the set fields.
 */
export function contentHash(
  set: Omit<SnippetSet, "contentHash" | "producedAt">,
  settings: SnippetizeSettings,
): string {
  const { languages, ...fields } = set;
  const view = languages.map((l) => [
    l.lang,
    l.snippets.map((s) => [s.id, s.url, s.kind, s.audience, s.title, s.links ?? null]),
  ]);
  return sha256Base32(JSON.stringify([ALGORITHM_VERSION, settings, fields, view]));
}
