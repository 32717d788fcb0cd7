/**
 * Tolerant shapes of what the LumApps API returns (API.md). Unknown fields are kept (`looseObject`)
 * and fields a `fields` projection may leave out are optional; where API.md says UNSURE both shapes
 * are accepted. Language keys stay as LumApps writes them: mapping to BCP 47 happens when the
 * fetcher builds its events (`toBcp47`).
 */
export { LumAppsArticleSchema, type LumAppsArticle } from "./article.ts";
export {
  LUMAPPS_CONTENT_STATUSES,
  LumAppsFeedKeysSchema,
  LumAppsIdSchema,
  LumAppsLocalizedTextSchema,
  LumAppsPersonSchema,
  LumAppsTimestampSchema,
  LumAppsVersionSchema,
  type LumAppsContentStatus,
  type LumAppsLocalizedText,
  type LumAppsPerson,
} from "./common.ts";
export { LumAppsContentSchema, LumAppsRevisionSchema, type LumAppsContent } from "./content.ts";
export { LumAppsDiscoveryDocumentSchema, type LumAppsDiscoveryDocument } from "./discovery.ts";
export {
  LumAppsV1ErrorBodySchema,
  LumAppsV2ErrorBodySchema,
  type LumAppsV1ErrorBody,
  type LumAppsV2ErrorBody,
} from "./errors.ts";
export {
  LumAppsListEnvelopeSchema,
  LumAppsListErrorSchema,
  lumAppsListEnvelopeSchema,
  type LumAppsListEnvelope,
} from "./list.ts";
export {
  LumAppsContentTypeSchema,
  LumAppsMetadataSchema,
  type LumAppsContentType,
  type LumAppsMetadata,
} from "./metadata.ts";
export { LumAppsSiteSchema, type LumAppsSite } from "./site.ts";
export {
  LumAppsTemplateComponentSchema,
  LumAppsTemplateSchema,
  type LumAppsTemplate,
  type LumAppsTemplateComponent,
} from "./template.ts";
export { LumAppsApplicationTokenSchema, type LumAppsApplicationToken } from "./token.ts";
