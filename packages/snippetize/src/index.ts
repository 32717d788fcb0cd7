export { type BodyEvent, extractBody } from "./body/extract-body.ts";
export { richTextToHtml } from "./body/rich-text.ts";
export { htmlToBlocks, type HtmlToBlocksOptions } from "./html/html-to-blocks.ts";
export { type Block, blockText, type ContentBlock, type Link } from "./html/types.ts";
export { type Chunk, packSection } from "./pack/pack-section.ts";
export { buildSections, type Section } from "./pack/sections.ts";
export {
  DEFAULT_SKIPPED_WIDGETS,
  parseSettings,
  SnippetizeSettingsError,
  SnippetizeSettingsSchema,
  type SnippetizeSettings,
  type SnippetizeSettingsInput,
} from "./settings.ts";
export { ALGORITHM_VERSION, contentHash } from "./snippets/content-hash.ts";
export { buildSnippetSet, languagesOf, SnippetizeError, sectionsFor } from "./snippets/snippet-set.ts";
export { createSnippetizer, type Snippetizer } from "./snippetizer.ts";
export { htmlContent, type HtmlContentOptions } from "./snippets/html-content.ts";
export { estimateTokens } from "./text/measure.ts";
