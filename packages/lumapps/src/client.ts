import { createTokenProvider } from "@lumasnip/auth";
import {
  LumAppsArticleSchema,
  LumAppsContentTypeSchema,
  LumAppsListEnvelopeSchema,
  LumAppsMetadataSchema,
  LumAppsSiteSchema,
  lumAppsContentParser,
} from "@lumasnip/schema";
import { DEFAULT_RETRY_POLICY } from "./backoff.ts";
import { type LumAppsClient, type LumAppsClientOptions, MAX_PAGE_SIZE } from "./client-types.ts";
import { LumAppsNotFoundError } from "./errors.ts";
import { CONTENT_FIELDS } from "./fields.ts";
import { paginate } from "./paging.ts";
import { createRateLimiter } from "./rate-limiter.ts";
import { createTransport } from "./transport.ts";

export type { ContentListQuery, LumAppsClient, LumAppsClientOptions } from "./client-types.ts";
export { MAX_PAGE_SIZE } from "./client-types.ts";

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
      // the hand-written check of LumAppsContentSchema: it does not copy megabytes of template
      return paginate("content/list", fetchPage, lumAppsContentParser, query.cursor);
    },

    getContent(id, opts = {}) {
      return getOrUndefined(
        request({
          route: "content/get",
          method: "GET",
          path: "content/get",
          query: { uid: id, lang: opts.lang, fields: opts.fields, action: opts.action },
          timeoutMs: defaultMs,
          schema: lumAppsContentParser,
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
