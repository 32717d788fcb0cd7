import { indexEntryContentKey, kvKeys, type Manifest, urlHash } from "@lumasnip/schema";
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { NOT_FOUND } from "../errors.ts";
import { param } from "../http/params.ts";
import { jsonWithEtag } from "../http/respond.ts";
import { manifestView, manifestVisible } from "../read/visibility.ts";

/**
 * GET /v1/lookup?url=: one KV list of the URL's index entries, one bulk read of their manifests;
 * answers the first content (by key) this reader may see.
 */
export function lookupRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/", async (c) => {
    const url = param("url", c.req.query("url"));
    const hash = (await urlHash(url)) as string;
    const kv = c.get("kv");
    const page = await kv.list(kvKeys.urlPrefix(hash), { limit: 20 });
    const keys = page.names
      .map(indexEntryContentKey)
      .filter((k): k is string => k !== undefined)
      .sort();
    if (keys.length === 0) throw NOT_FOUND();
    const manifests = await kv.getMany<Manifest>(keys.map(kvKeys.manifest));
    const reader = c.get("reader");
    const now = Date.now();
    for (const key of keys) {
      const m = manifests.get(kvKeys.manifest(key));
      if (m && manifestVisible(m, reader, now)) return jsonWithEtag(c, manifestView(m, reader));
    }
    throw NOT_FOUND();
  });
  return app;
}
