import { describe, expect, it } from "vitest";
import type { z } from "zod";
import * as ex from "./examples.ts";
import {
  ApiKeyCreatedSchema,
  ApiKeyCreateSchema,
  ApiKeyListSchema,
  ApiKeyRecordSchema,
  ApiKeyRevokedSchema,
  CommitConflictSchema,
  CommitResultSchema,
  ContentDeleteResultSchema,
  ContentDeleteSchema,
  ContentEventSchema,
  DlqRecordSchema,
  ErrorBodySchema,
  formatZodError,
  GcResultSchema,
  IndexEntrySchema,
  ManifestCommitSchema,
  ManifestSchema,
  SnippetChunkResultSchema,
  SnippetChunkSchema,
  SnippetEventSchema,
  SnippetSchema,
} from "./index.ts";

/** Every published shape with a valid value. */
const valid: [string, z.ZodType, unknown][] = [
  ["content.upserted", ContentEventSchema, ex.exampleContentUpserted],
  ["content.deleted", ContentEventSchema, ex.exampleContentDeleted],
  ["snippets.upserted", SnippetEventSchema, ex.exampleSnippetSet],
  ["snippets.deleted", SnippetEventSchema, ex.exampleSnippetsDeleted],
  ["a snippet", SnippetSchema, ex.exampleSnippets[0]],
  ["a DLQ record", DlqRecordSchema, ex.exampleDlqRecord],
  [
    "a minimal DLQ record",
    DlqRecordSchema,
    {
      schemaVersion: 1,
      kind: "dlq.record",
      producedAt: "2026-03-02T09:15:02Z",
      stage: "fetcher",
      reason: "invalid_content",
      error: "content.updatedAt: missing",
    },
  ],
  ["a manifest", ManifestSchema, ex.exampleManifest],
  ["an index entry", IndexEntrySchema, ex.exampleIndexEntry],
  ["an API key record", ApiKeyRecordSchema, ex.exampleApiKeyRecord],
  [
    "a revoked API key record",
    ApiKeyRecordSchema,
    { ...ex.exampleApiKeyRecord, revokedAt: "2026-03-03T00:00:00+01:00" },
  ],
  ["a snippet chunk", SnippetChunkSchema, ex.exampleSnippetChunk],
  ["a snippet chunk result", SnippetChunkResultSchema, { written: 2 }],
  ["a manifest commit", ManifestCommitSchema, ex.exampleManifestCommit],
  ["a first manifest commit", ManifestCommitSchema, { ...ex.exampleManifestCommit, expectedVersion: null }],
  [
    "a commit result",
    CommitResultSchema,
    { version: 3, staleScheduled: 1, staleDueAt: "2026-03-02T09:17:03.002Z" },
  ],
  [
    "a commit conflict",
    CommitConflictSchema,
    { error: { code: "conflict", message: "manifest is at version 4" }, currentVersion: 4 },
  ],
  ["a content delete", ContentDeleteSchema, { expectedVersion: 3 }],
  ["an unconditional content delete", ContentDeleteSchema, {}],
  [
    "a content delete result",
    ContentDeleteResultSchema,
    { deleted: true, scheduled: 2, dueAt: "2026-03-09T10:02:03Z" },
  ],
  ["a GC result", GcResultSchema, { deleted: 400, remaining: 12 }],
  ["an API key create", ApiKeyCreateSchema, ex.exampleApiKeyCreate],
  [
    "an API key created",
    ApiKeyCreatedSchema,
    { ...ex.exampleApiKeyRecord, key: "lsk_live_0123456789abcdef" },
  ],
  ["an API key list", ApiKeyListSchema, { keys: [ex.exampleApiKeyRecord] }],
  ["an API key revoked", ApiKeyRevokedSchema, { revoked: true }],
  ["an error body", ErrorBodySchema, { error: { code: "not_found", message: "no such content" } }],
];

describe("every published shape", () => {
  it.each(valid)("parses a valid %s back to the same value, also through JSON", (_what, schema, value) => {
    expect(schema.parse(value)).toEqual(value);
    expect(schema.parse(JSON.parse(JSON.stringify(value)))).toEqual(value);
  });

  it.each(valid.filter(([, , v]) => typeof v === "object" && v !== null && !Array.isArray(v)))(
    "ignores a field added later (%s): additive changes do not break older readers",
    (_what, schema, value) => {
      expect(schema.parse({ ...(value as object), addedInV1_1: { any: "thing" } })).toEqual(value);
    },
  );
});

/** [what, schema, input, the path and expectation the error must name] */
const broken: [string, z.ZodType, unknown, RegExp][] = [
  [
    "an update date that is not ISO",
    ContentEventSchema,
    {
      ...ex.exampleContentUpserted,
      content: { ...ex.exampleContentUpserted.content, updatedAt: "2026-03-02 09:14" },
    },
    /^content\.updatedAt: expected ISO date-time/,
  ],
  [
    "a zone-less LumApps v1 timestamp",
    ContentEventSchema,
    { ...ex.exampleContentUpserted, producedAt: "2019-03-12T11:50:58.856571" },
    /^producedAt: expected ISO date-time/,
  ],
  [
    "an unknown kind",
    ContentEventSchema,
    { ...ex.exampleContentDeleted, kind: "content.moved" },
    /^kind: expected one of "content\.upserted", "content\.deleted"/,
  ],
  [
    "an unknown delete reason",
    ContentEventSchema,
    { ...ex.exampleContentDeleted, reason: "gone" },
    /^reason: expected one of "deleted", .*"not_visible"/,
  ],
  [
    "a bare content id as key",
    SnippetEventSchema,
    { ...ex.exampleSnippetsDeleted, key: "6543210987654321" },
    /^key: a content key is <sourceId>:<contentId>/,
  ],
  [
    "a future schema version",
    SnippetEventSchema,
    { ...ex.exampleSnippetsDeleted, schemaVersion: 2 },
    /^schemaVersion: expected 1/,
  ],
  [
    "a LumApps language code as a map key",
    ContentEventSchema,
    {
      ...ex.exampleContentUpserted,
      content: { ...ex.exampleContentUpserted.content, title: { pt_br: "Olá" } },
    },
    /^content\.title\.pt_br: invalid key: a BCP 47 language tag/,
  ],
  [
    "a bad snippet id deep in a set",
    SnippetEventSchema,
    {
      ...ex.exampleSnippetSet,
      languages: [
        { lang: "en", snippets: [ex.exampleSnippets[0], { ...ex.exampleSnippets[1], id: "NOT-AN-ID" }] },
      ],
    },
    /^languages\[0\]\.snippets\[1\]\.id: a snippet id is 26 base32 characters/,
  ],
  [
    "a missing enum field",
    DlqRecordSchema,
    { ...ex.exampleDlqRecord, stage: undefined },
    /^stage: expected one of "fetcher", "snippetizer", "publisher"$/,
  ],
  [
    "a missing string field",
    DlqRecordSchema,
    { ...ex.exampleDlqRecord, error: undefined },
    /^error: missing, expected string$/,
  ],
  [
    "a DLQ reason outside the closed set",
    DlqRecordSchema,
    { ...ex.exampleDlqRecord, reason: "oops" },
    /^reason: expected one of "too_large"/,
  ],
  [
    "a wrong type",
    ManifestSchema,
    { ...ex.exampleManifest, version: "3" },
    /^version: expected number, got string/,
  ],
  [
    "a zero manifest version",
    ManifestSchema,
    { ...ex.exampleManifest, version: 0 },
    /^version: expected number to be >0/,
  ],
  [
    "an audience with a space",
    IndexEntrySchema,
    { ...ex.exampleIndexEntry, audience: ["all staff"] },
    /^audience\[0\]: a group id has no spaces/,
  ],
  [
    "an unknown scope",
    ApiKeyCreateSchema,
    { ...ex.exampleApiKeyCreate, scopes: ["root"] },
    /^scopes\[0\]: expected one of "read", "write", "admin"/,
  ],
  [
    "an API key without audiences",
    ApiKeyCreateSchema,
    { ...ex.exampleApiKeyCreate, audiences: [] },
    /^audiences: expected array to have >=1 items/,
  ],
  [
    "an empty snippet chunk",
    SnippetChunkSchema,
    { key: ex.exampleSnippetChunk.key, snippets: [] },
    /^snippets: expected array to have >=1 items/,
  ],
  [
    "an error code outside the closed set",
    ErrorBodySchema,
    { error: { code: "teapot", message: "x" } },
    /^error\.code: expected one of/,
  ],
  [
    "a site id with a space",
    ContentEventSchema,
    { ...ex.exampleContentUpserted, content: { ...ex.exampleContentUpserted.content, site: { id: "4 8" } } },
    /^content\.site\.id: a site id is/,
  ],
  ["not an object at all", SnippetEventSchema, "hello", /^kind: expected one of|^\(root\): expected object/],
];

describe("malformed input", () => {
  it.each(broken)("names the path of %s", (_what, schema, input, expected) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    if (!result.success) expect(formatZodError(result.error)).toMatch(expected);
  });
});
