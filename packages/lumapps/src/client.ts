import { createTokenProvider, type LumAppsConnection, type TokenProvider } from "@lumasnip/auth";
import {
  type LumAppsArticle,
  LumAppsArticleSchema,
  type LumAppsContent,
  LumAppsContentSchema,
  type LumAppsContentType,
  LumAppsContentTypeSchema,
  LumAppsListEnvelopeSchema,
  type LumAppsMetadata,
  LumAppsMetadataSchema,
  type LumAppsSite,
  LumAppsSiteSchema,
} from "@lumasnip/schema";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./backoff.ts";
import { LumAppsNotFoundError } from "./errors.ts";
import { CONTENT_FIELDS } from "./fields.ts";
import { type Page, paginate } from "./paging.ts";
import { createRateLimiter, type RateLimiter } from "./rate-limiter.ts";
import { createTransport, type LumAppsHooks } from "./transport.ts";

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

export function createLumAppsClient(options: LumAppsClientOptions): LumAppsClient {
  const fetchFn = options.fetch ?? globalThis.fetch;
  const defaultMs = options.timeouts?.defaultMs ?? 30_000;
  const listMs = options.timeouts?.listMs ?? 120_000;
  const tokens =
    options.tokens ??
    createTokenProvider(options.connection, {
      fetch: fetchFn,
      timeoutMs: options.timeouts?.tokenMs ?? 30_000,
      ...(options.now ? { now: options.now } : {}),
    });
  const request = createTransport({
    connection: options.connection,
    tokens,
    limiter:
      options.limiter ??
      createRateLimiter({
        requestsPerSecond: options.requestsPerSecond ?? 10,
        ...(options.now ? { now: options.now } : {}),
      }),
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    hooks: options.hooks ?? {},
    fetch: fetchFn,
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  const pageSize = (n: number | undefined) =>
    Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(n ?? MAX_PAGE_SIZE)));

  const listGet =
    (route: string, query: Record<string, string | number | undefined>) => (cursor: string | undefined) =>
      request({
        route,
        method: "GET",
        path: route,
        query: { ...query, cursor },
        timeoutMs: defaultMs,
        schema: LumAppsListEnvelopeSchema,
      });

  async function getOrUndefined<T>(promise: Promise<T>): Promise<T | undefined> {
    try {
      return await promise;
    } catch (error) {
      if (error instanceof LumAppsNotFoundError) return undefined;
      throw error;
    }
  }

  return {
    listSites(opts = {}) {
      const fetchPage = listGet("instance/list", { maxResults: pageSize(opts.maxResults) });
      return paginate("instance/list", fetchPage, LumAppsSiteSchema, opts.cursor);
    },

    listContent(query) {
      const body = {
        instanceId: query.siteIds,
        type: query.types,
        customContentType: query.customContentTypes,
        status: query.statuses ?? ["LIVE"],
        action: query.action,
        lang: query.lang,
        sortOrder: query.sortOrder ?? ["-updatedAt"],
        // the discovery document types maxResults as a string (protorpc int64)
        maxResults: String(pageSize(query.maxResults)),
      };
      const fetchPage = (cursor: string | undefined) =>
        request({
          route: "content/list",
          method: "POST",
          path: "content/list",
          query: { fields: query.fields ?? CONTENT_FIELDS },
          body: { ...body, cursor },
          timeoutMs: listMs,
          schema: LumAppsListEnvelopeSchema,
        });
      return paginate("content/list", fetchPage, LumAppsContentSchema, query.cursor);
    },

    getContent(id, opts = {}) {
      return getOrUndefined(
        request({
          route: "content/get",
          method: "GET",
          path: "content/get",
          query: { uid: id, lang: opts.lang, fields: opts.fields, action: opts.action },
          timeoutMs: defaultMs,
          schema: LumAppsContentSchema,
        }),
      );
    },

    getMetadata(id) {
      return getOrUndefined(
        request({
          route: "metadata/get",
          method: "GET",
          path: "metadata/get",
          query: { uid: id },
          timeoutMs: defaultMs,
          schema: LumAppsMetadataSchema,
        }),
      );
    },

    listMetadata(opts = {}) {
      const fetchPage = listGet("metadata/list", {
        instance: opts.siteId,
        familyId: opts.familyId,
        maxResults: pageSize(opts.maxResults),
      });
      return paginate("metadata/list", fetchPage, LumAppsMetadataSchema);
    },

    listContentTypes(siteId, opts = {}) {
      const fetchPage = listGet("customcontenttype/list", {
        instance: siteId,
        maxResults: pageSize(opts.maxResults),
      });
      return paginate("customcontenttype/list", fetchPage, LumAppsContentTypeSchema);
    },

    getArticle(id) {
      return getOrUndefined(
        request({
          route: "articles/get",
          method: "GET",
          api: "v2",
          path: `articles/${encodeURIComponent(id)}`,
          timeoutMs: defaultMs,
          schema: LumAppsArticleSchema,
        }),
      );
    },
  };
}
