import { env, exports } from "cloudflare:workers";
import type { ApiKeyCreate, ManifestCommit, Snippet } from "@lumasnip/schema";
import { expect } from "vitest";
import type { BuiltContent } from "./fixtures.ts";

export const ORIGIN = "https://edge.test";
export const ADMIN_SECRET = (env as unknown as { ADMIN_SECRET: string }).ADMIN_SECRET;

export interface CallOptions {
  key?: string;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A request to the worker's own fetch handler, inside workerd. */
export async function call(path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== undefined) headers.authorization = `Bearer ${options.key}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  return exports.default.fetch(`${ORIGIN}${path}`, {
    method: options.method ?? "GET",
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

export async function callJson<T = unknown>(
  path: string,
  options: CallOptions = {},
  status = 200,
): Promise<T> {
  const res = await call(path, options);
  const text = await res.text();
  expect(res.status, `${options.method ?? "GET"} ${path}: ${text.slice(0, 300)}`).toBe(status);
  return JSON.parse(text) as T;
}

export async function createKey(input: Partial<ApiKeyCreate> & { audiences: string[] }): Promise<string> {
  const created = await callJson<{ key: string }>(
    "/admin/v1/keys",
    { key: ADMIN_SECRET, method: "POST", body: { name: "test", scopes: ["read"], trusted: false, ...input } },
    201,
  );
  return created.key;
}

let writer: Promise<string> | undefined;
export function writeKey(): Promise<string> {
  writer ??= createKey({ name: "publisher", audiences: ["*"], scopes: ["write"] });
  return writer;
}

/** Writes a content through the admin protocol: snippets in chunks, then the commit. */
export async function publish(
  content: BuiltContent,
  expectedVersion: number | null = null,
): Promise<{ version: number; staleScheduled: number; staleDueAt?: string }> {
  const key = await writeKey();
  for (let i = 0; i < content.snippets.length; i += 400) {
    const snippets: Snippet[] = content.snippets.slice(i, i + 400);
    await callJson("/admin/v1/snippets", { key, method: "PUT", body: { key: content.key, snippets } });
  }
  const body: ManifestCommit = { expectedVersion, manifest: content.manifest };
  return callJson(`/admin/v1/manifests/${content.key}/commit`, { key, method: "POST", body });
}

export function kvOps(res: Response): number {
  return Number(res.headers.get("x-lumasnip-kv-ops"));
}
