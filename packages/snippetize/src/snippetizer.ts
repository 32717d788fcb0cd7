import type { ContentUpserted, SnippetSet } from "@lumasnip/schema";
import { parseSettings, type SnippetizeSettings, type SnippetizeSettingsInput } from "./settings.ts";
import { buildSnippetSet } from "./snippets/snippet-set.ts";

export interface Snippetizer {
  readonly settings: SnippetizeSettings;
  /** a content event to its snippet set; `producedAt` defaults to now */
  snippetize(event: Pick<ContentUpserted, "key" | "content">, producedAt?: string): Promise<SnippetSet>;
}

/** Settings are validated once here; the returned snippetizer is reused for every content. */
export function createSnippetizer(settings: SnippetizeSettingsInput | SnippetizeSettings = {}): Snippetizer {
  const parsed = parseSettings(settings);
  return {
    settings: parsed,
    snippetize: (event, producedAt = new Date().toISOString()) => buildSnippetSet(event, parsed, producedAt),
  };
}
