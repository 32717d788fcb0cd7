import type { RouteContext } from "../server/context.ts";
import { pageByOffset } from "../server/paging.ts";
import type { SimResponse } from "../server/responses.ts";
import { applyFields } from "./request.ts";

/** GET instance/list (POST accepted too): the organization's sites, paged. */
export function instanceList(ctx: RouteContext): SimResponse {
  const q = ctx.query;
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const param = (name: string) =>
    q.get(name) ?? (typeof body[name] === "string" ? (body[name] as string) : undefined);
  const status = param("status");
  const parent = param("parent");
  const ids = q.getAll("ids");
  const sites = ctx.store.instances.filter(
    (s) =>
      (!status || s.status === status) &&
      (!parent || s.parent === parent) &&
      (ids.length === 0 || ids.includes(s.id)),
  );
  const page = pageByOffset(
    sites,
    { cursor: param("cursor"), maxResults: param("maxResults") ?? body.maxResults },
    { status, parent, ids },
  );
  const envelope: Record<string, unknown> = {};
  if (page.items.length > 0) envelope.items = page.items;
  envelope.more = page.more;
  if (page.cursor) envelope.cursor = page.cursor;
  return { status: 200, body: applyFields(envelope, q), listing: true };
}
