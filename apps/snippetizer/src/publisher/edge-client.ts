import { parseRetryAfter, type Secret, safeCause } from "@lumasnip/auth";
import {
  type CommitResult,
  CommitResultSchema,
  type ContentDeleteResult,
  ContentDeleteResultSchema,
  type Manifest,
  type ManifestCommit,
  ManifestSchema,
  type Snippet,
  SnippetChunkResultSchema,
} from "@lumasnip/schema";
import type { z } from "zod";
import { EdgeAdminError, EdgeKeyRefusedError, ManifestConflictError } from "./errors.ts";

/** The edge's admin protocol as the publisher uses it (packages/schema/src/edge/admin.ts). */
export interface EdgeAdmin {
  getManifest(key: string): Promise<Manifest | null>;
  putSnippets(key: string, snippets: Snippet[]): Promise<void>;
  commit(key: string, body: ManifestCommit): Promise<CommitResult>;
  deleteContent(key: string): Promise<ContentDeleteResult>;
  /** whether the worker answers its health check: tells an outage from a content that fails alone */
  healthy(): Promise<boolean>;
}

export interface EdgeAdminOptions {
  url: string;
  key: Secret;
  timeoutMs: number;
  fetch?: typeof fetch;
}

interface Answer {
  status: number;
  body: unknown;
  retryAfter: string | null;
}

export function createEdgeAdmin(options: EdgeAdminOptions): EdgeAdmin {
  const base = options.url.replace(/\/+$/, "");
  const doFetch = options.fetch ?? fetch;

  async function send(
    method: string,
    path: string,
    body: unknown,
    context: Record<string, unknown>,
  ): Promise<Answer> {
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.key.reveal()}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      throw new EdgeAdminError(`${method} ${path} got no answer (${(error as Error).name})`, {
        retryable: true,
        context,
        cause: safeCause(error, [options.key.reveal()]),
      });
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed, retryAfter: res.headers.get("retry-after") };
  }

  function ok<S extends z.ZodType>(
    method: string,
    path: string,
    a: Answer,
    schema: S,
    context: Record<string, unknown>,
  ): z.output<S> {
    if (a.status >= 200 && a.status < 300) {
      const r = schema.safeParse(a.body);
      if (r.success) return r.data;
      throw new EdgeAdminError(`${method} ${path} answered a body outside the admin protocol`, {
        retryable: false,
        status: a.status,
        context,
      });
    }
    if (a.status === 401 || a.status === 403) throw new EdgeKeyRefusedError(a.status, context);
    const err = (a.body as { error?: { code?: string; message?: string } } | undefined)?.error;
    // 429 (KV's write limits), 408 and 5xx pass with time; any other 4xx means this request is wrong
    const retryable = a.status === 408 || a.status === 429 || a.status >= 500;
    throw new EdgeAdminError(
      `${method} ${path} answered ${a.status}${err ? ` ${err.code}: ${err.message}` : ""}`,
      {
        retryable,
        status: a.status,
        context,
        retryAfterMs: parseRetryAfter(a.retryAfter, Date.now()),
      },
    );
  }

  const enc = encodeURIComponent;
  return {
    async getManifest(key) {
      const path = `/admin/v1/manifests/${enc(key)}`;
      const a = await send("GET", path, undefined, { key });
      if (a.status === 404) return null;
      return ok("GET", path, a, ManifestSchema, { key });
    },
    async putSnippets(key, snippets) {
      const path = "/admin/v1/snippets";
      const context = { key, count: snippets.length };
      await ok(
        "PUT",
        path,
        await send("PUT", path, { key, snippets }, context),
        SnippetChunkResultSchema,
        context,
      );
    },
    async commit(key, body) {
      const path = `/admin/v1/manifests/${enc(key)}/commit`;
      const a = await send("POST", path, body, { key });
      if (a.status === 409) {
        throw new ManifestConflictError(
          key,
          (a.body as { currentVersion?: number | null } | undefined)?.currentVersion ?? null,
        );
      }
      return ok("POST", path, a, CommitResultSchema, { key, expectedVersion: body.expectedVersion });
    },
    async deleteContent(key) {
      const path = `/admin/v1/contents/${enc(key)}`;
      return ok("DELETE", path, await send("DELETE", path, {}, { key }), ContentDeleteResultSchema, { key });
    },
    async healthy() {
      try {
        const res = await doFetch(`${base}/healthz`, { signal: AbortSignal.timeout(options.timeoutMs) });
        await res.arrayBuffer();
        return res.ok;
      } catch {
        return false;
      }
    },
  };
}
