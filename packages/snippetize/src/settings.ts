import { z } from "zod";

/**
 * Widget types that only reference other objects (or show the content's own fields) and hold
 * no body text of their own (API.md §5).
 */
export const DEFAULT_SKIPPED_WIDGETS = [
  "title",
  "meta",
  "meta-social",
  "content-list",
  "community-list",
  "user-list",
  "user-directory",
  "directory-entries",
  "community-post-list",
  "event-list",
  "file-list",
  "comments",
  "share",
  "social-metadata",
  "resource-metadata",
  "breadcrumb",
  "search",
  "navigation",
  "sub-nav",
] as const;

/**
 * Every knob of the snippetizer, in one validated object (docs/snippets.md explains the
 * defaults). Sizes are hard limits for `max*`; `minTokens` is what packing aims not to go under.
 * Strict: an unknown key (a typo) is an error, not a setting silently left at its default.
 */
export const SnippetizeSettingsSchema = z
  .strictObject({
    /** hard limit on a snippet's approximate token count */
    maxTokens: z.number().int().min(32).max(8192).default(400),
    /** hard limit on a snippet's length in UTF-16 code units */
    maxChars: z.number().int().min(128).max(65_536).default(2000),
    /** packing does not cut a snippet under this (except a section's last one) */
    minTokens: z.number().int().min(0).default(120),
    /** tokens of the previous snippet of the same section repeated at the start; 0 = none */
    overlapTokens: z.number().int().min(0).default(0),
    /** BCP 47 languages to produce; empty = every language the content has */
    languages: z.array(z.string().min(2)).default([]),
    /** widget types whose text is not body text */
    skipWidgetTypes: z.array(z.string().min(1)).default([...DEFAULT_SKIPPED_WIDGETS]),
    /** a widget's own title (accordion, tab) becomes a heading over its text */
    widgetTitlesAsHeadings: z.boolean().default(true),
    /** use the content's excerpt when a language has no body text */
    excerptFallback: z.boolean().default(true),
    /** keep link targets in `snippet.links` (never inline in the text) */
    keepLinks: z.boolean().default(true),
    maxLinksPerSnippet: z.number().int().min(0).max(1000).default(20),
  })
  .refine((s) => s.minTokens <= s.maxTokens / 2, {
    message: "minTokens must be at most half of maxTokens, or packing cannot honour both",
    path: ["minTokens"],
  })
  .refine((s) => s.overlapTokens <= s.maxTokens / 4, {
    message: "overlapTokens must be at most a quarter of maxTokens",
    path: ["overlapTokens"],
  });

export type SnippetizeSettings = z.output<typeof SnippetizeSettingsSchema>;
export type SnippetizeSettingsInput = z.input<typeof SnippetizeSettingsSchema>;

export class SnippetizeSettingsError extends Error {
  override name = "SnippetizeSettingsError";
  readonly retryable = false;
}

/** Parses settings once (at start); a bad value names the field and what is expected. */
export function parseSettings(input: unknown = {}): SnippetizeSettings {
  const result = SnippetizeSettingsSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join(".") || "settings"}: ${i.message}`);
  throw new SnippetizeSettingsError(`invalid snippetizer settings: ${problems.join("; ")}`);
}
