import type { LumAppsConnection, TokenProvider } from "@lumasnip/auth";
import type {
  LumAppsArticle,
  LumAppsContent,
  LumAppsContentType,
  LumAppsMetadata,
  LumAppsSite,
} from "@lumasnip/schema";
import type { RetryPolicy } from "./backoff.ts";
import type { Page } from "./paging.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import type { LumAppsHooks } from "./transport.ts";

export const MAX_PAGE_SIZE = 100;

export interface ContentListQuery {
  /** site ids (`instanceId`) */
  siteIds?: string[];
  /** `page`, `news`, `custom`, ...; absent: every type the user may read */
  types?: string[];
  customContentTypes?: string[];
  /** default `["LIVE"]` */
  statuses?: string[];
  /** e.g. `PAGE_READ`: lets a user who is not a site admin list (one action per call) */
  action?: string;
  /** a LumApps language code; absent: not sent */
  lang?: string;
  /** default `["-updatedAt"]` */
  sortOrder?: string[];
  /** 1..100, default 100 */
  maxResults?: number;
  /** `fields` projection, default `CONTENT_FIELDS` */
  fields?: string;
  /** resume a listing after the page this cursor came with */
  cursor?: string;
}

/** What the fetcher needs of LumApps; one client per source. */
export interface LumAppsClient {
  listSites(options?: { maxResults?: number; cursor?: string }): AsyncIterable<Page<LumAppsSite>>;
  listContent(query: ContentListQuery): AsyncIterable<Page<LumAppsContent>>;
  /** undefined when LumApps answers 404 (deleted, or not visible to the user) */
  getContent(
    id: string,
    options?: { lang?: string; fields?: string; action?: string },
  ): Promise<LumAppsContent | undefined>;
  getMetadata(id: string): Promise<LumAppsMetadata | undefined>;
  listMetadata(options?: {
    siteId?: string;
    familyId?: string;
    maxResults?: number;
  }): AsyncIterable<Page<LumAppsMetadata>>;
  listContentTypes(
    siteId: string,
    options?: { maxResults?: number },
  ): AsyncIterable<Page<LumAppsContentType>>;
  /** a v2 community post ("article"); undefined on 404 */
  getArticle(id: string): Promise<LumAppsArticle | undefined>;
}

export interface LumAppsClientOptions {
  connection: LumAppsConnection;
  /** defaults to a provider built from the connection (share one per source) */
  tokens?: TokenProvider;
  fetch?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  timeouts?: {
    /** one request, ms (default 30 s) */
    defaultMs?: number;
    /** `content/list` with templates inline is heavy, ms (default 120 s) */
    listMs?: number;
    /** one token mint, ms (default 30 s) */
    tokenMs?: number;
  };
  /** request-rate limit of this source, requests/s (default 10; 0 = none) */
  requestsPerSecond?: number;
  /** or a limiter shared with something else */
  limiter?: RateLimiter;
  hooks?: LumAppsHooks;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
}
