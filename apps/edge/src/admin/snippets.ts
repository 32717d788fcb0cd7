import { kvKeys, SnippetChunkSchema } from "@lumasnip/schema";
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { badRequest } from "../errors.ts";
import { readJson } from "../http/body.ts";
import { cancelPending, collectGarbage, listPending } from "../store/pending-deletes.ts";

const MAX_CHUNK_BYTES = 16 * 1024 * 1024;
const PUT_PARALLELISM = 50;

/**
 * PUT /admin/v1/snippets: one put per snippet (≤ 400), one list of pending deletes (to take
 * re-written ids out of them), then GC with what budget is left.
 */
export function adminSnippetRoutes() {
  const app = new Hono<AppEnv>();
  app.put("/", async (c) => {
    const chunk = await readJson(c, SnippetChunkSchema, { maxBytes: MAX_CHUNK_BYTES });
    if (chunk.snippets.some((s) => s.key !== chunk.key))
      throw badRequest("every snippet of a chunk belongs to the chunk's content key");
    const ids = new Set(chunk.snippets.map((s) => s.id));
    if (ids.size !== chunk.snippets.length) throw badRequest("a chunk lists a snippet id twice");
    const kv = c.get("kv");
    for (let i = 0; i < chunk.snippets.length; i += PUT_PARALLELISM) {
      await Promise.all(
        chunk.snippets.slice(i, i + PUT_PARALLELISM).map((s) => kv.put(kvKeys.snippet(s.id), s)),
      );
    }
    const pending = await listPending(kv);
    await cancelPending(kv, pending, chunk.key, ids);
    await collectGarbage(kv, Date.now(), kv.remaining(20), pending).catch(() => undefined);
    return c.json({ written: chunk.snippets.length });
  });
  return app;
}
