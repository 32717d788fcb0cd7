import { z } from "zod";
import { AudienceSchema } from "../audience.ts";
import { IsoDateSchema } from "../envelope.ts";
import { SnippetSchema } from "../events/snippets.ts";
import { ContentKeySchema } from "../identities.ts";
import { ADMIN_MAX_SNIPPETS_PER_CHUNK } from "./limits.ts";
import { ManifestSchema } from "./manifest.ts";

/**
 * The admin protocol (DESIGN.md "Edge"): the publisher writes new and changed snippets in chunks,
 * then commits the manifest with the previous version as a precondition (409 on conflict: re-read
 * and retry); snippets the new manifest dropped are deleted after the grace period.
 *
 *   GET    /admin/v1/manifests/:key            -> Manifest | 404
 *   PUT    /admin/v1/snippets                  SnippetChunk -> { written }
 *   POST   /admin/v1/manifests/:key/commit     ManifestCommit -> CommitResult | 409 CommitConflict
 *   DELETE /admin/v1/contents/:key             ContentDelete -> { deleted, scheduled } | 409
 *   POST   /admin/v1/gc                        -> { deleted, remaining }
 *   POST   /admin/v1/keys                      ApiKeyCreate -> ApiKeyCreated (plaintext shown once)
 *   GET    /admin/v1/keys                      -> { keys: ApiKeyInfo[] }
 *   DELETE /admin/v1/keys/:id                  -> { revoked }
 */
export const SnippetChunkSchema = z.object({
  key: ContentKeySchema,
  snippets: z.array(SnippetSchema).min(1).max(ADMIN_MAX_SNIPPETS_PER_CHUNK),
});
export type SnippetChunk = z.infer<typeof SnippetChunkSchema>;

export const ManifestCommitSchema = z.object({
  /** the version read before writing; null when no manifest existed */
  expectedVersion: z.number().int().positive().nullable(),
  /** the new manifest; its `version` and `committedAt` are set by the edge */
  manifest: ManifestSchema.omit({ version: true, committedAt: true }),
});
export type ManifestCommit = z.infer<typeof ManifestCommitSchema>;

export const CommitResultSchema = z.object({
  version: z.number().int().positive(),
  /** snippet ids of the previous manifest that the new one dropped, deleted after the grace period */
  staleScheduled: z.number().int().nonnegative(),
  staleDueAt: IsoDateSchema.optional(),
});
export type CommitResult = z.infer<typeof CommitResultSchema>;
export const CommitConflictSchema = z.object({
  error: z.object({ code: z.literal("conflict"), message: z.string() }),
  currentVersion: z.number().int().positive().nullable(),
});
export type CommitConflict = z.infer<typeof CommitConflictSchema>;

export const ContentDeleteSchema = z.object({
  expectedVersion: z.number().int().positive().nullable().optional(),
});
export type ContentDelete = z.infer<typeof ContentDeleteSchema>;

/** Answer of `PUT /admin/v1/snippets`. */
export const SnippetChunkResultSchema = z.object({ written: z.number().int().nonnegative() });
export type SnippetChunkResult = z.infer<typeof SnippetChunkResultSchema>;

/** Answer of `DELETE /admin/v1/contents/:key`: the manifest and index entries go at once, snippets after the grace period. */
export const ContentDeleteResultSchema = z.object({
  /** false when there was no manifest (deleting twice is not an error) */
  deleted: z.boolean(),
  /** snippet keys queued for the delayed delete */
  scheduled: z.number().int().nonnegative(),
  dueAt: IsoDateSchema.optional(),
});
export type ContentDeleteResult = z.infer<typeof ContentDeleteResultSchema>;

/** Answer of `POST /admin/v1/gc`: call again while `remaining` > 0 (one invocation's KV budget per call). */
export const GcResultSchema = z.object({
  deleted: z.number().int().nonnegative(),
  /** due pending deletes left for the next call */
  remaining: z.number().int().nonnegative(),
});
export type GcResult = z.infer<typeof GcResultSchema>;

export const ScopeSchema = z.enum(["read", "write", "admin"]);
export type Scope = z.infer<typeof ScopeSchema>;

/**
 * C0/C1 controls and the bidi embeddings, overrides and isolates (U+202A–E, U+2066–9): a name is
 * printed by `keys list` and in logs, where these could rewrite the terminal or hide a suffix.
 */
const KEY_NAME_PATTERN = /^[^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$/;

export const ApiKeyCreateSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(100)
    .regex(KEY_NAME_PATTERN, "printable characters only: no control characters or bidi overrides"),
  audiences: AudienceSchema.min(1),
  scopes: z.array(ScopeSchema).min(1),
  /** a trusted read key may narrow its view per request to an end user's groups */
  trusted: z.boolean().default(false),
});
export type ApiKeyCreate = z.infer<typeof ApiKeyCreateSchema>;

/** What KV holds under `k:<hash>`: never the key itself. */
export const ApiKeyRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  audiences: AudienceSchema,
  scopes: z.array(ScopeSchema),
  trusted: z.boolean(),
  createdAt: IsoDateSchema,
  lastUsedAt: IsoDateSchema.optional(),
  revokedAt: IsoDateSchema.optional(),
});
export type ApiKeyRecord = z.infer<typeof ApiKeyRecordSchema>;
export const ApiKeyCreatedSchema = ApiKeyRecordSchema.extend({ key: z.string() });
export type ApiKeyCreated = z.infer<typeof ApiKeyCreatedSchema>;
/** A key as listed: the stored record, which never holds the key itself. */
export const ApiKeyInfoSchema = ApiKeyRecordSchema;
export type ApiKeyInfo = ApiKeyRecord;
export const ApiKeyListSchema = z.object({ keys: z.array(ApiKeyInfoSchema) });
export const ApiKeyRevokedSchema = z.object({ revoked: z.boolean() });

/** Header a trusted key uses to narrow its view to an end user's groups (comma-separated). */
export const AUDIENCE_HEADER = "x-lumasnip-audiences";

/** Error codes of the edge (closed set); the body is always `{ error: { code, message } }`. */
export const ErrorCodeSchema = z.enum([
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "payload_too_large",
  "rate_limited",
  "internal",
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;
export const ErrorBodySchema = z.object({ error: z.object({ code: ErrorCodeSchema, message: z.string() }) });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
