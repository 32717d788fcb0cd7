import {
  ApiKeyCreatedSchema,
  ApiKeyCreateSchema,
  ApiKeyListSchema,
  ApiKeyRevokedSchema,
  AUDIENCE_HEADER,
  CommitConflictSchema,
  CommitResultSchema,
  ContentDeleteResultSchema,
  ContentDeleteSchema,
  ErrorBodySchema,
  GcResultSchema,
  IndexEntrySchema,
  ManifestCommitSchema,
  ManifestSchema,
  SnippetChunkResultSchema,
  SnippetChunkSchema,
  SnippetSchema,
} from "@lumasnip/schema";
import { z } from "zod";
import { type ParamName, Params } from "../http/params.ts";

export const ManifestViewSchema = ManifestSchema.omit({ fingerprints: true, snippetAudiences: true });
export const ContentSnippetsSchema = z.object({
  key: z.string(),
  version: z.number().int(),
  lang: z.string(),
  languages: z.array(z.string()),
  snippets: z.array(SnippetSchema),
});
export const ListPageSchema = z.object({
  items: z.array(IndexEntrySchema.omit({ audience: true })),
  cursor: z.string().nullable(),
});
const HealthSchema = z.object({ status: z.literal("ok") });

interface RouteSpec {
  method: "get" | "post" | "put" | "delete";
  path: string;
  summary: string;
  /** scopes that may call it; none: public */
  scopes?: string[];
  path_params?: ParamName[];
  query?: ParamName[];
  body?: z.ZodType;
  ok: z.ZodType;
  okStatus?: number;
  conflict?: boolean;
}

/** The routes of createApp(), with the same zod schemas the handlers validate with. */
export const ROUTES: RouteSpec[] = [
  { method: "get", path: "/healthz", summary: "Health (one KV read)", ok: HealthSchema },
  {
    method: "get",
    path: "/v1/snippets/{snippetId}",
    summary: "One snippet",
    scopes: ["read"],
    path_params: ["snippetId"],
    ok: SnippetSchema,
  },
  {
    method: "get",
    path: "/v1/contents/{contentKey}",
    summary: "A content's manifest",
    scopes: ["read"],
    path_params: ["contentKey"],
    ok: ManifestViewSchema,
  },
  {
    method: "get",
    path: "/v1/contents/{contentKey}/snippets",
    summary:
      "A content's snippets in reading order, in one language (lang, else Accept-Language, else the site's default, else the first)",
    scopes: ["read"],
    path_params: ["contentKey"],
    query: ["lang"],
    ok: ContentSnippetsSchema,
  },
  {
    method: "get",
    path: "/v1/tags/{tag}/contents",
    summary: "Contents with a tag, paged",
    scopes: ["read"],
    path_params: ["tag"],
    query: ["limit", "cursor"],
    ok: ListPageSchema,
  },
  {
    method: "get",
    path: "/v1/sites/{sourceId}/{siteId}/contents",
    summary: "Contents of a site, paged",
    scopes: ["read"],
    path_params: ["sourceId", "siteId"],
    query: ["limit", "cursor"],
    ok: ListPageSchema,
  },
  {
    method: "get",
    path: "/v1/lookup",
    summary: "The content at a LumApps URL",
    scopes: ["read"],
    query: ["url"],
    ok: ManifestViewSchema,
  },
  {
    method: "get",
    path: "/admin/v1/manifests/{contentKey}",
    summary: "The stored manifest",
    scopes: ["write"],
    path_params: ["contentKey"],
    ok: ManifestSchema,
  },
  {
    method: "put",
    path: "/admin/v1/snippets",
    summary: "Write a chunk of snippets",
    scopes: ["write"],
    body: SnippetChunkSchema,
    ok: SnippetChunkResultSchema,
  },
  {
    method: "post",
    path: "/admin/v1/manifests/{contentKey}/commit",
    summary: "Commit a manifest with the version read before as precondition",
    scopes: ["write"],
    path_params: ["contentKey"],
    body: ManifestCommitSchema,
    ok: CommitResultSchema,
    conflict: true,
  },
  {
    method: "delete",
    path: "/admin/v1/contents/{contentKey}",
    summary: "Delete a content (its snippets after the grace period)",
    scopes: ["write"],
    path_params: ["contentKey"],
    body: ContentDeleteSchema,
    ok: ContentDeleteResultSchema,
    conflict: true,
  },
  {
    method: "post",
    path: "/admin/v1/gc",
    summary: "Run due pending deletes",
    scopes: ["write", "admin"],
    ok: GcResultSchema,
  },
  {
    method: "post",
    path: "/admin/v1/keys",
    summary: "Create an API key (shown once)",
    scopes: ["admin"],
    body: ApiKeyCreateSchema,
    ok: ApiKeyCreatedSchema,
    okStatus: 201,
  },
  {
    method: "get",
    path: "/admin/v1/keys",
    summary: "List API keys",
    scopes: ["admin"],
    ok: ApiKeyListSchema,
  },
  {
    method: "delete",
    path: "/admin/v1/keys/{id}",
    summary: "Revoke an API key",
    scopes: ["admin"],
    ok: ApiKeyRevokedSchema,
  },
];

const json = (schema: z.ZodType) => ({
  "application/json": { schema: z.toJSONSchema(schema, { unrepresentable: "any", io: "output" }) },
});

function operation(r: RouteSpec) {
  const parameters: unknown[] = [];
  for (const name of r.path_params ?? []) {
    parameters.push({
      name,
      in: "path",
      required: true,
      schema: z.toJSONSchema(Params[name], { io: "input", unrepresentable: "any" }),
    });
  }
  if (r.path.endsWith("/keys/{id}"))
    parameters.push({
      name: "id",
      in: "path",
      required: true,
      schema: { type: "string", pattern: "^[0-9a-f]{16}$" },
    });
  for (const name of r.query ?? []) {
    parameters.push({
      name,
      in: "query",
      required: name === "url",
      schema: z.toJSONSchema(Params[name], { io: "input", unrepresentable: "any" }),
    });
  }
  if (r.scopes?.includes("read")) {
    parameters.push({
      name: AUDIENCE_HEADER,
      in: "header",
      required: false,
      description:
        "trusted keys only: narrow the view to these comma-separated group ids (an untrusted key sending it gets 403)",
      schema: { type: "string" },
    });
  }
  const error = { description: "error", content: json(ErrorBodySchema) };
  const responses: Record<string, unknown> = {
    [String(r.okStatus ?? 200)]: { description: "ok", content: json(r.ok) },
    "400": error,
    "404": error,
    "500": error,
  };
  if (r.method === "get" && r.scopes?.includes("read"))
    responses["304"] = { description: "not modified (If-None-Match)" };
  if (r.scopes) Object.assign(responses, { "401": error, "403": error });
  if (r.conflict) responses["409"] = { description: "conflict", content: json(CommitConflictSchema) };
  if (r.body) responses["413"] = error;
  return {
    summary: r.summary,
    ...(r.scopes ? { security: [{ apiKey: [] }], "x-scopes": r.scopes } : { security: [] }),
    parameters,
    ...(r.body ? { requestBody: { required: r.method !== "delete", content: json(r.body) } } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document, built from ROUTES (once per isolate). */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    paths[r.path] ??= {};
    (paths[r.path] as Record<string, unknown>)[r.method] = operation(r);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "lumasnip edge",
      version: "1",
      description:
        "Snippets of a LumApps intranet, served to API keys by audience. Errors are { error: { code, message } }.",
    },
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "an API key (lsk_...)" } },
    },
    paths,
  };
}
