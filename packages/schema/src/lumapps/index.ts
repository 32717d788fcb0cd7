/**
 * Tolerant shapes of what the LumApps API returns (API.md). Unknown fields are kept (`looseObject`)
 * and fields a `fields` projection may leave out are optional; where API.md says UNSURE both shapes
 * are accepted. Language keys stay as LumApps writes them: mapping to BCP 47 happens when the
 * fetcher builds its events (`toBcp47`).
 */
export { type LumAppsArticle, LumAppsArticleSchema } from "./article.ts";
export {
  LUMAPPS_CONTENT_STATUSES,
  type LumAppsContentStatus,
  LumAppsFeedKeysSchema,
  LumAppsIdSchema,
  type LumAppsLocalizedText,
  LumAppsLocalizedTextSchema,
  type LumAppsPerson,
  LumAppsPersonSchema,
  LumAppsTimestampSchema,
  LumAppsVersionSchema,
} from "./common.ts";
export { type LumAppsContent, LumAppsContentSchema, LumAppsRevisionSchema } from "./content.ts";
export { lumAppsContentParser, type ShapeIssue, type ShapeParser } from "./content-check.ts";
export { type LumAppsDiscoveryDocument, LumAppsDiscoveryDocumentSchema } from "./discovery.ts";
export {
  type LumAppsV1ErrorBody,
  LumAppsV1ErrorBodySchema,
  type LumAppsV2ErrorBody,
  LumAppsV2ErrorBodySchema,
} from "./errors.ts";
export {
  type LumAppsListEnvelope,
  LumAppsListEnvelopeSchema,
  LumAppsListErrorSchema,
  lumAppsListEnvelopeSchema,
} from "./list.ts";
export {
  type LumAppsContentType,
  LumAppsContentTypeSchema,
  type LumAppsMetadata,
  LumAppsMetadataSchema,
} from "./metadata.ts";
export { type LumAppsSite, LumAppsSiteSchema } from "./site.ts";
export {
  type LumAppsTemplate,
  type LumAppsTemplateComponent,
  LumAppsTemplateComponentSchema,
  LumAppsTemplateSchema,
} from "./template.ts";
export { type LumAppsApplicationToken, LumAppsApplicationTokenSchema } from "./token.ts";
