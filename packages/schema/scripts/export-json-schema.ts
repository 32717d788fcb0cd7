/**
 * Writes the published JSON Schemas (packages/schema/schemas/*.json) from the zod schemas, for
 * subscribers in other languages. `--check` writes nothing and exits 1 when a file is stale,
 * missing or left over, so CI catches a schema change whose artefacts were not regenerated.
 *
 *   node scripts/export-json-schema.ts [--check] [--out=<dir>]   (default dir: packages/schema/schemas)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import * as s from "../src/index.ts";

interface Published {
  schema: z.ZodType;
  title: string;
  description: string;
  /** request bodies are described as clients send them (defaults optional) */
  io?: "input" | "output";
}

export const published: Record<string, Published> = {
  "content-event.v1.json": {
    schema: s.ContentEventSchema,
    title: "lumasnip content event",
    description: "A value of the topic <prefix>.content.v1: content.upserted or content.deleted.",
  },
  "snippet-event.v1.json": {
    schema: s.SnippetEventSchema,
    title: "lumasnip snippet event",
    description:
      "A value of the topic <prefix>.snippets.v1: snippets.upserted (every language) or snippets.deleted.",
  },
  "dlq-record.v1.json": {
    schema: s.DlqRecordSchema,
    title: "lumasnip DLQ record",
    description: "A value of the topic <prefix>.dlq.v1.",
  },
  "manifest.v1.json": {
    schema: s.ManifestSchema,
    title: "lumasnip manifest",
    description: "What the edge holds about one content (KV m:<contentKey>).",
  },
  "index-entry.v1.json": {
    schema: s.IndexEntrySchema,
    title: "lumasnip index entry",
    description: "The value of a tag, site or URL index entry (KV it:/is:/iu:).",
  },
  "api-key-record.v1.json": {
    schema: s.ApiKeyRecordSchema,
    title: "lumasnip API key record",
    description: "What KV holds under k:<hash>; never the key itself.",
  },
  "admin-snippet-chunk.v1.json": {
    schema: s.SnippetChunkSchema,
    io: "input",
    title: "PUT /admin/v1/snippets request",
    description: "New and changed snippets of one content, written before the manifest commit.",
  },
  "admin-snippet-chunk-result.v1.json": {
    schema: s.SnippetChunkResultSchema,
    title: "PUT /admin/v1/snippets response",
    description: "How many snippets were written.",
  },
  "admin-manifest-commit.v1.json": {
    schema: s.ManifestCommitSchema,
    io: "input",
    title: "POST /admin/v1/manifests/:key/commit request",
    description: "The new manifest, with the version read before writing as the precondition.",
  },
  "admin-commit-result.v1.json": {
    schema: s.CommitResultSchema,
    title: "POST /admin/v1/manifests/:key/commit response",
    description: "The committed version and the stale snippets scheduled for the delayed delete.",
  },
  "admin-commit-conflict.v1.json": {
    schema: s.CommitConflictSchema,
    title: "409 answer of a manifest commit or content delete",
    description: "The precondition failed: re-read the manifest and retry.",
  },
  "admin-content-delete.v1.json": {
    schema: s.ContentDeleteSchema,
    io: "input",
    title: "DELETE /admin/v1/contents/:key request",
    description: "Optional precondition of a content delete.",
  },
  "admin-content-delete-result.v1.json": {
    schema: s.ContentDeleteResultSchema,
    title: "DELETE /admin/v1/contents/:key response",
    description: "Whether a manifest was removed and how many snippets wait for the delayed delete.",
  },
  "admin-gc-result.v1.json": {
    schema: s.GcResultSchema,
    title: "POST /admin/v1/gc response",
    description: "Due deletes done, and how many are left for the next call.",
  },
  "admin-api-key-create.v1.json": {
    schema: s.ApiKeyCreateSchema,
    io: "input",
    title: "POST /admin/v1/keys request",
    description: "A new API key's name, audiences, scopes and trust.",
  },
  "admin-api-key-created.v1.json": {
    schema: s.ApiKeyCreatedSchema,
    title: "POST /admin/v1/keys response",
    description: "The stored record plus the plaintext key, shown this once.",
  },
  "admin-api-key-list.v1.json": {
    schema: s.ApiKeyListSchema,
    title: "GET /admin/v1/keys response",
    description: "Every key's record (never the key itself).",
  },
  "admin-api-key-revoked.v1.json": {
    schema: s.ApiKeyRevokedSchema,
    title: "DELETE /admin/v1/keys/:id response",
    description: "Whether a key was revoked.",
  },
  "error-body.v1.json": {
    schema: s.ErrorBodySchema,
    title: "lumasnip edge error body",
    description: "Every error answer of the edge: one closed set of codes.",
  },
};

/** Shared pieces become $defs with readable names instead of being repeated in every property. */
const registry = z.registry<{ id: string }>();
const shared: [z.ZodType, string][] = [
  [s.IsoDateSchema, "IsoDate"],
  [s.LangMapSchema, "LangMap"],
  [s.LangSchema, "Lang"],
  [s.AudienceSchema, "Audience"],
  [s.ContentKeySchema, "ContentKey"],
  [s.SnippetIdSchema, "SnippetId"],
  [s.SnippetSchema, "Snippet"],
  [s.TagSchema, "Tag"],
  [s.SiteRefSchema, "SiteRef"],
  [s.DeleteReasonSchema, "DeleteReason"],
];
for (const [schema, id] of shared) registry.add(schema, { id });

export function render(entry: Published): string {
  const json = z.toJSONSchema(entry.schema, {
    io: entry.io ?? "output",
    metadata: registry,
    // additive changes within a version must not break validating consumers: unknown fields are allowed
    override: (ctx) => {
      const node = ctx.jsonSchema as { additionalProperties?: unknown };
      if (node.additionalProperties === false) delete node.additionalProperties;
    },
  });
  const { $schema, ...rest } = byKind(json as Record<string, unknown>);
  const doc = {
    $schema,
    title: entry.title,
    description: entry.description,
    $comment:
      "Generated from @lumasnip/schema by scripts/export-json-schema.ts: do not edit. See docs/contracts.md.",
    ...rest,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

type Json = Record<string, unknown>;

/**
 * A union discriminated by `kind` becomes `if kind = X then <X's shape>`: validators then report
 * the real problem (`$.producedAt: does not match`) instead of "not valid under any of the given
 * schemas", and each kind's shape is a named $def (`SnippetsUpserted`) for code generators.
 */
function byKind(json: Json): Json {
  const branches = json.oneOf as Json[] | undefined;
  const kindOf = (b: Json) => ((b.properties as Json | undefined)?.kind as Json | undefined)?.const;
  if (!Array.isArray(branches) || !branches.every((b) => typeof kindOf(b) === "string")) return json;
  const { oneOf: _, $defs, ...rest } = json;
  const defs: Json = { ...($defs as Json | undefined) };
  const kinds = branches.map((b) => kindOf(b) as string);
  const name = (kind: string) => kind.replace(/(^|[._-])(\w)/g, (_m, _s, c: string) => c.toUpperCase());
  branches.forEach((b, i) => {
    defs[name(kinds[i]!)] = b;
  });
  return {
    ...rest,
    type: "object",
    required: ["kind"],
    properties: { kind: { type: "string", enum: kinds } },
    allOf: kinds.map((kind) => ({
      if: { properties: { kind: { const: kind } }, required: ["kind"] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, not a thenable
      then: { $ref: `#/$defs/${name(kind)}` },
    })),
    $defs: defs,
  };
}

function main(): void {
  const check = process.argv.includes("--check");
  const out = process.argv.find((a) => a.startsWith("--out="))?.slice("--out=".length);
  const dir = out ? resolve(out) : resolve(fileURLToPath(new URL("..", import.meta.url)), "schemas");
  const stale: string[] = [];
  if (!check) mkdirSync(dir, { recursive: true });
  for (const [file, entry] of Object.entries(published)) {
    const path = resolve(dir, file);
    const text = render(entry);
    const current = existsSync(path) ? readFileSync(path, "utf8") : undefined;
    if (current === text) continue;
    if (check) stale.push(`${file} (${current === undefined ? "missing" : "stale"})`);
    else writeFileSync(path, text);
  }
  const leftovers = existsSync(dir)
    ? readdirSync(dir).filter((f) => f.endsWith(".json") && !(f in published))
    : [];
  for (const f of leftovers) {
    if (check) stale.push(`${f} (no longer generated)`);
    else rmSync(resolve(dir, f));
  }
  if (check && stale.length > 0) {
    console.error(
      `JSON Schemas are out of date with the zod schemas:\n- ${stale.join("\n- ")}\n` +
        "Run `pnpm --filter @lumasnip/schema build` and commit packages/schema/schemas.",
    );
    process.exit(1);
  }
  console.log(check ? `JSON Schemas are current (${Object.keys(published).length} files)` : `wrote ${dir}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
