import { createHash } from "node:crypto";
import {
  ADMIN_MAX_SNIPPETS_PER_CHUNK,
  type Manifest,
  type ManifestCommit,
  normalizeAudience,
  type Snippet,
  type SnippetSet,
} from "@lumasnip/schema";

/** What the edge needs to hear about one snippet set, given the manifest it holds now. */
export type PublishPlan =
  | { action: "skip"; reason: "unchanged" }
  | {
      action: "publish";
      expectedVersion: number | null;
      /** new or changed snippets, in chunks the admin API takes in one invocation */
      chunks: Snippet[][];
      written: number;
      /** snippets already in KV with the same fingerprint: KV writes the diff saved */
      unchanged: number;
      /** ids the new manifest drops: the edge deletes them after its grace period */
      dropped: number;
      manifest: ManifestCommit["manifest"];
    };

export class PlanError extends Error {
  override name = "PlanError";
  readonly retryable = false;
}

/** Chunks stay well under the admin API's 16 MiB body limit, whatever the snippet sizes. */
export const MAX_CHUNK_BYTES = 4 * 1024 * 1024;

const POSITIONAL = new Set(["ordinal", "prevId", "nextId", "updatedAt"]);

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * A snippet's fingerprint: everything but its position and `updatedAt`, which the edge serves from
 * the manifest. So an edit rewrites only the snippets whose own text, audience or labels changed,
 * not every neighbour whose ordinal moved.
 */
export function fingerprint(s: Snippet): string {
  const rest = Object.fromEntries(Object.entries(s).filter(([k]) => !POSITIONAL.has(k)));
  return createHash("sha256")
    .update(JSON.stringify(canonical(rest)))
    .digest("base64url")
    .slice(0, 22);
}

function sameAudience(a: readonly string[], b: readonly string[]): boolean {
  const x = normalizeAudience(a);
  const y = normalizeAudience(b);
  return x.length === y.length && x.every((g, i) => g === y[i]);
}

export function chunk(
  snippets: readonly Snippet[],
  maxCount = ADMIN_MAX_SNIPPETS_PER_CHUNK,
  maxBytes = MAX_CHUNK_BYTES,
): Snippet[][] {
  const out: Snippet[][] = [];
  let current: Snippet[] = [];
  let bytes = 0;
  for (const s of snippets) {
    const size = Buffer.byteLength(JSON.stringify(s));
    if (current.length > 0 && (current.length >= maxCount || bytes + size > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(s);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * The diff of the admin protocol: equal content hash, nothing to do; otherwise write the snippets
 * whose fingerprint is new or different, and commit a manifest listing every id in order.
 */
export function planPublish(
  set: SnippetSet,
  current: Manifest | null,
  maxPerChunk = ADMIN_MAX_SNIPPETS_PER_CHUNK,
): PublishPlan {
  if (current && current.contentHash === set.contentHash) return { action: "skip", reason: "unchanged" };
  const all = set.languages.flatMap((l) => l.snippets);
  const ids = new Set(all.map((s) => s.id));
  if (ids.size !== all.length) throw new PlanError(`the snippet set of ${set.key} lists a snippet id twice`);
  if (new Set(set.languages.map((l) => l.lang)).size !== set.languages.length) {
    throw new PlanError(`the snippet set of ${set.key} lists a language twice`);
  }
  const stray = all.find((s) => s.key !== set.key);
  if (stray) throw new PlanError(`snippet ${stray.id} of the set of ${set.key} belongs to ${stray.key}`);

  const fingerprints: Record<string, string> = {};
  const snippetAudiences: Record<string, string[]> = {};
  const writes: Snippet[] = [];
  for (const s of all) {
    const fp = fingerprint(s);
    fingerprints[s.id] = fp;
    if (!sameAudience(s.audience, set.audience)) snippetAudiences[s.id] = normalizeAudience(s.audience);
    if (current?.fingerprints?.[s.id] !== fp) writes.push(s);
  }
  const previous = current ? current.languages.flatMap((l) => l.snippetIds) : [];
  const manifest: ManifestCommit["manifest"] = {
    schemaVersion: set.schemaVersion,
    key: set.key,
    sourceId: set.sourceId,
    contentId: set.contentId,
    sourceVersion: set.sourceVersion,
    contentHash: set.contentHash,
    type: set.type,
    ...(set.customContentTypeId ? { customContentTypeId: set.customContentTypeId } : {}),
    site: set.site,
    title: set.title,
    url: set.url,
    tags: set.tags,
    audience: set.audience,
    ...(set.author ? { author: set.author } : {}),
    ...(set.publishedAt ? { publishedAt: set.publishedAt } : {}),
    ...(set.endDate ? { endDate: set.endDate } : {}),
    updatedAt: set.sourceUpdatedAt,
    languages: set.languages.map((l) => ({ lang: l.lang, snippetIds: l.snippets.map((s) => s.id) })),
    fingerprints,
    ...(Object.keys(snippetAudiences).length > 0 ? { snippetAudiences } : {}),
  };
  return {
    action: "publish",
    expectedVersion: current?.version ?? null,
    chunks: chunk(writes, maxPerChunk),
    written: writes.length,
    unchanged: all.length - writes.length,
    dropped: previous.filter((id) => !ids.has(id)).length,
    manifest,
  };
}
