export { type BodyEvent, extractBody } from "./body/extract-body.ts";
export { richTextToHtml } from "./body/rich-text.ts";
export { type HtmlToBlocksOptions, htmlToBlocks } from "./html/html-to-blocks.ts";
export { type Block, blockText, type ContentBlock, type Link } from "./html/types.ts";
export { type Chunk, packSection } from "./pack/pack-section.ts";
export { buildSections, type Section } from "./pack/sections.ts";
export {
  DEFAULT_SKIPPED_WIDGETS,
  parseSettings,
  type SnippetizeSettings,
  SnippetizeSettingsError,
  type SnippetizeSettingsInput,
  SnippetizeSettingsSchema,
} from "./settings.ts";
export { createSnippetizer, type Snippetizer } from "./snippetizer.ts";
export { ALGORITHM_VERSION, contentHash } from "./snippets/content-hash.ts";
export { type HtmlContentOptions, htmlContent } from "./snippets/html-content.ts";
export { buildSnippetSet, languagesOf, SnippetizeError, sectionsFor } from "./snippets/snippet-set.ts";
export { estimateTokens } from "./text/measure.ts";
