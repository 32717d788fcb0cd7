import type { RouteContext } from "../server/context.ts";
import { badRequest } from "../server/errors.ts";
import { pageByOffset } from "../server/paging.ts";
import type { SimResponse } from "../server/responses.ts";
import { applyFields } from "./request.ts";

/** GET customcontenttype/list?instance=<site id> (instance is required by the discovery document). */
export function contentTypeList(ctx: RouteContext): SimResponse {
  const q = ctx.query;
  const instance = q.get("instance");
  if (!instance) throw badRequest("Missing required parameter: instance");
  const all = ctx.store.contentTypes.filter((t) => t.instance === instance);
  const page = pageByOffset(all, { cursor: q.get("cursor"), maxResults: q.get("maxResults") ?? undefined }, [
    instance,
  ]);
  const envelope: Record<string, unknown> = {};
  if (page.items.length > 0) envelope.items = page.items;
  envelope.more = page.more;
  if (page.cursor) envelope.cursor = page.cursor;
  return { status: 200, body: applyFields(envelope, q), listing: true };
}
