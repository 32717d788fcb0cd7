import { type ContentDeleteResult, ContentDeleteSchema, kvKeys, type Manifest } from "@lumasnip/schema";
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { readJson } from "../http/body.ts";
import { param } from "../http/params.ts";
import { indexEntriesOf } from "../store/index-entries.ts";
import { forgetManifest } from "../store/manifest-cache.ts";
import { schedulePendingDelete } from "../store/pending-deletes.ts";
import { conflict } from "./manifests.ts";

/**
 * DELETE /admin/v1/contents/:key: one read, a delete per index entry, one pending-delete put for
 * the snippets, the manifest delete last (so a retry after a failure finds it and finishes).
 */
export function adminContentRoutes() {
  const app = new Hono<AppEnv>();
  app.delete("/:key", async (c) => {
    const key = param("contentKey", c.req.param("key"));
    const body = await readJson(c, ContentDeleteSchema, { maxBytes: 4096, emptyAsObject: true });
    const kv = c.get("kv");
    const current = await kv.get<Manifest>(kvKeys.manifest(key));
    if (!current) return c.json({ deleted: false, scheduled: 0 } satisfies ContentDeleteResult);
    if (body.expectedVersion != null && body.expectedVersion !== current.version)
      throw conflict(current.version);
    await Promise.all([...(await indexEntriesOf(current)).keys()].map((k) => kv.delete(k)));
    const ids = current.languages.flatMap((l) => l.snippetIds);
    const dueMs = Date.now() + c.get("vars").staleGraceMs;
    await schedulePendingDelete(kv, { key, version: current.version + 1, ids }, dueMs);
    await kv.delete(kvKeys.manifest(key));
    forgetManifest(key);
    const result: ContentDeleteResult = {
      deleted: true,
      scheduled: ids.length,
      ...(ids.length > 0 ? { dueAt: new Date(dueMs).toISOString() } : {}),
    };
    return c.json(result);
  });
  return app;
}
