import { type IndexEntry, kvKeys } from "@lumasnip/schema";
import { type Context, Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { optionalParam, param } from "../http/params.ts";
import { jsonWithEtag } from "../http/respond.ts";
import { openCursor, sealCursor } from "../kv/cursor.ts";
import { entryVisible } from "../read/visibility.ts";

// a page full of entries this reader cannot see is read again, at most this many times per request
const MAX_ROUNDS = 3;

export type ListedContent = Omit<IndexEntry, "audience">;

/**
 * One page of an index (`it:<tag>|...`, `is:<source>:<site>|...`): per round one KV list and one
 * bulk read of the listed entries (≤ 100). Entries the reader may not see are skipped and never
 * counted; the cursor is sealed, so it cannot name them either.
 */
async function listIndex(c: Context<AppEnv>, prefix: string, scope: string): Promise<Response> {
  const limit = param("limit", c.req.query("limit"));
  const given = optionalParam("cursor", c.req.query("cursor"));
  const { cursorSecret } = c.get("vars");
  const kv = c.get("kv");
  const reader = c.get("reader");
  const now = Date.now();
  let cursor = given ? await openCursor(cursorSecret, scope, given) : undefined;
  const items: ListedContent[] = [];
  let rounds = 0;
  do {
    const page = await kv.list(prefix, { limit: limit - items.length, cursor });
    const entries =
      page.names.length > 0 ? await kv.getMany<IndexEntry>(page.names) : new Map<string, IndexEntry | null>();
    for (const name of page.names) {
      const e = entries.get(name);
      if (!e || !entryVisible(e, reader, now)) continue;
      const { audience: _a, ...listed } = e;
      items.push(listed);
    }
    cursor = page.cursor;
    rounds++;
  } while (cursor && items.length < limit && rounds < MAX_ROUNDS);
  return jsonWithEtag(c, { items, cursor: cursor ? await sealCursor(cursorSecret, scope, cursor) : null });
}

/** GET /v1/tags/:tag/contents */
export function tagRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/:tag/contents", (c) => {
    const tag = param("tag", c.req.param("tag"));
    return listIndex(c, kvKeys.tagPrefix(tag), `tag|${tag}`);
  });
  return app;
}

/** GET /v1/sites/:sourceId/:siteId/contents */
export function siteRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/:sourceId/:siteId/contents", (c) => {
    const sourceId = param("sourceId", c.req.param("sourceId"));
    const siteId = param("siteId", c.req.param("siteId"));
    return listIndex(c, kvKeys.sitePrefix(sourceId, siteId), `site|${sourceId}|${siteId}`);
  });
  return app;
}
