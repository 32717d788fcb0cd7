export { DEFAULT_RETRY_POLICY, type RetryPolicy, retryDelayMs } from "./backoff.ts";
export {
  type ContentListQuery,
  createLumAppsClient,
  type LumAppsClient,
  type LumAppsClientOptions,
  MAX_PAGE_SIZE,
} from "./client.ts";
export {
  BrokenListingError,
  LumAppsAuthError,
  LumAppsError,
  LumAppsHttpError,
  LumAppsNetworkError,
  LumAppsNotFoundError,
  LumAppsSettingsError,
  LumAppsShapeError,
  LumAppsTimeoutError,
} from "./errors.ts";
export { CONTENT_FIELDS, CONTENT_ID_FIELDS, CONTENT_ITEM_FIELDS } from "./fields.ts";
export { collectItems, type InvalidItem, type Page, paginate } from "./paging.ts";
export { createRateLimiter, type RateLimiter, type RateLimiterOptions } from "./rate-limiter.ts";
export { type LumAppsHooks, V1_ROOT } from "./transport.ts";
