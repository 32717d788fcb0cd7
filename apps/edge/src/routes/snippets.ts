import { kvKeys, type Snippet } from "@lumasnip/schema";
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { NOT_FOUND } from "../errors.ts";
import { param } from "../http/params.ts";
import { jsonWithEtag } from "../http/respond.ts";
import { canSee, manifestVisible, placeSnippet, visibleLanguages } from "../read/visibility.ts";
import { readManifest } from "../store/manifest-cache.ts";

/**
 * GET /v1/snippets/:id: one KV read for the snippet, then its content's manifest (the manifest
 * decides the publication window, the reading order and which neighbours this reader may see):
 * from the isolate cache when fresh, else a second read.
 */
export function snippetRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/:id", async (c) => {
    const id = param("snippetId", c.req.param("id"));
    const kv = c.get("kv");
    const reader = c.get("reader");
    const snippet = await kv.get<Snippet>(kvKeys.snippet(id));
    if (!snippet || !canSee(reader, snippet.audience)) throw NOT_FOUND();
    const manifest = await readManifest(kv, snippet.key, c.get("vars").manifestCacheMs);
    if (!manifest || !manifestVisible(manifest, reader, Date.now())) throw NOT_FOUND();
    const order = visibleLanguages(manifest, reader).find((l) => l.lang === snippet.lang)?.snippetIds ?? [];
    return jsonWithEtag(c, placeSnippet(snippet, order, manifest), { "content-language": snippet.lang });
  });
  return app;
}
