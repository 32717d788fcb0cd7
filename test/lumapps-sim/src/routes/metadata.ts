import type { RouteContext } from "../server/context.ts";
import { badRequest, notFound } from "../server/errors.ts";
import { pageByOffset } from "../server/paging.ts";
import type { SimResponse } from "../server/responses.ts";
import { applyFields } from "./request.ts";

/** GET metadata/get?uid=<id>: one metadata (a tag, or a family), name as a language map. */
export function metadataGet(ctx: RouteContext): SimResponse {
  const uid = ctx.query.get("uid");
  if (!uid) throw badRequest("Missing required parameter: uid");
  const meta = ctx.store.metadata.get(uid);
  if (!meta) throw notFound(`Metadata ${uid} not found`);
  return { status: 200, body: applyFields(meta, ctx.query) };
}

/** GET metadata/list: filters `instance`, `familyId`, `parent`, `emptyParent`; paged. */
export function metadataList(ctx: RouteContext): SimResponse {
  const q = ctx.query;
  const instance = q.get("instance");
  const familyId = q.get("familyId");
  const parent = q.get("parent");
  const emptyParent = q.get("emptyParent");
  const all = [...ctx.store.metadata.values()].filter(
    (m) =>
      (!instance || m.instance === instance) &&
      (!familyId || m.familyKey === familyId) &&
      (!parent || m.parent === parent) &&
      (emptyParent !== "true" || !m.parent),
  );
  const page = pageByOffset(all, { cursor: q.get("cursor"), maxResults: q.get("maxResults") ?? undefined }, [
    instance,
    familyId,
    parent,
    emptyParent,
  ]);
  const envelope: Record<string, unknown> = {};
  if (page.items.length > 0) envelope.items = page.items;
  envelope.more = page.more;
  if (page.cursor) envelope.cursor = page.cursor;
  return { status: 200, body: applyFields(envelope, q), listing: true };
}
