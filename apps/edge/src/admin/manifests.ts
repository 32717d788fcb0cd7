import {
  type CommitResult,
  kvKeys,
  type Manifest,
  type ManifestCommit,
  ManifestCommitSchema,
  parseContentKey,
} from "@lumasnip/schema";
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { badRequest, EdgeError, NOT_FOUND } from "../errors.ts";
import { readJson } from "../http/body.ts";
import { param } from "../http/params.ts";
import { diffEntries, indexEntriesOf } from "../store/index-entries.ts";
import { forgetManifest } from "../store/manifest-cache.ts";
import { collectGarbage, listPending, schedulePendingDelete } from "../store/pending-deletes.ts";

const MAX_COMMIT_BYTES = 8 * 1024 * 1024;
// KV operations a commit may spend on its own writes; the rest of the 1,000 is for the key lookup and GC
const COMMIT_WRITE_BUDGET = 800;

function checkCommit(key: string, body: ManifestCommit): void {
  const m = body.manifest;
  const parts = parseContentKey(key);
  if (m.key !== key || m.sourceId !== parts?.sourceId || m.contentId !== parts.contentId) {
    throw badRequest("manifest.key, sourceId and contentId must match the content key in the path");
  }
  const ids = m.languages.flatMap((l) => l.snippetIds);
  if (new Set(ids).size !== ids.length) throw badRequest("manifest.languages lists a snippet id twice");
  if (new Set(m.languages.map((l) => l.lang)).size !== m.languages.length) {
    throw badRequest("manifest.languages lists a language twice");
  }
}

export function conflict(currentVersion: number | null): EdgeError {
  return new EdgeError("conflict", "the manifest changed since it was read: read it again and retry", {
    currentVersion,
  });
}

/**
 * GET  /admin/v1/manifests/:key          one KV read
 * POST /admin/v1/manifests/:key/commit   one read, the changed index entries, one pending-delete
 *                                        put when snippets were dropped, the manifest put (last:
 *                                        the commit point), then GC with what budget is left
 */
export function adminManifestRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/:key", async (c) => {
    const key = param("contentKey", c.req.param("key"));
    const m = await c.get("kv").get<Manifest>(kvKeys.manifest(key));
    if (!m) throw NOT_FOUND();
    return c.json(m);
  });

  app.post("/:key/commit", async (c) => {
    const key = param("contentKey", c.req.param("key"));
    const body = await readJson(c, ManifestCommitSchema, { maxBytes: MAX_COMMIT_BYTES });
    checkCommit(key, body);
    const kv = c.get("kv");
    const now = Date.now();
    const current = await kv.get<Manifest>(kvKeys.manifest(key));
    // KV has no compare-and-set: this read-then-write precondition catches a publisher working
    // from an old read; one writer per content key (its Kafka partition) does the rest
    if ((current?.version ?? null) !== body.expectedVersion) throw conflict(current?.version ?? null);

    const next: Manifest = {
      ...body.manifest,
      version: (current?.version ?? 0) + 1,
      committedAt: new Date(now).toISOString(),
    };
    const { puts, deletes } = diffEntries(
      current ? await indexEntriesOf(current) : undefined,
      await indexEntriesOf(next),
    );
    const kept = new Set(next.languages.flatMap((l) => l.snippetIds));
    const stale = current ? current.languages.flatMap((l) => l.snippetIds).filter((id) => !kept.has(id)) : [];
    if (puts.length + deletes.length + 2 > COMMIT_WRITE_BUDGET) {
      throw new EdgeError(
        "payload_too_large",
        `the manifest needs ${puts.length + deletes.length} index writes; at most ${COMMIT_WRITE_BUDGET - 2} fit one commit`,
      );
    }
    // everything before the manifest put can be redone by a retry of the same commit
    await Promise.all(puts.map(([k, v]) => kv.put(k, v)));
    await Promise.all(deletes.map((k) => kv.delete(k)));
    const dueMs = now + c.get("vars").staleGraceMs;
    await schedulePendingDelete(kv, { key, version: next.version, ids: stale }, dueMs);
    await kv.put(kvKeys.manifest(key), next);
    forgetManifest(key);

    await collectGarbage(kv, now, kv.remaining(20), await listPending(kv)).catch(() => undefined);
    const result: CommitResult = {
      version: next.version,
      staleScheduled: stale.length,
      ...(stale.length > 0 ? { staleDueAt: new Date(dueMs).toISOString() } : {}),
    };
    return c.json(result);
  });

  return app;
}
