import { z } from "zod";
import type { RouteContext } from "../server/context.ts";
import { badRequest, SimHttpError } from "../server/errors.ts";
import { decodeCursor, encodeCursor, parseMaxResults, queryHash } from "../server/paging.ts";
import type { SimResponse } from "../server/responses.ts";
import { actions, canRead, typesForAction, userHoldsAction } from "../store/actions.ts";
import { serveContent } from "../store/serve.ts";
import type { SimContent } from "../types.ts";
import { applyFields, langParam, parseBody, stringList } from "./request.ts";

/** The part of ServerContentContentMessagesContentListRequest the simulator models. */
const listRequest = z.looseObject({
  action: z.string().optional(),
  instanceId: stringList.optional(),
  type: stringList.optional(),
  excludeType: stringList.optional(),
  status: stringList.optional(),
  excludeStatus: stringList.optional(),
  customContentType: stringList.optional(),
  ids: stringList.optional(),
  sortOrder: z.union([stringList, z.string()]).optional(),
  maxResults: z.union([z.string(), z.number()]).optional(),
  cursor: z.string().optional(),
  fields: z.string().optional(),
  lang: langParam.optional(),
});

const sortable = new Set(["updatedAt", "createdAt", "publicationDate", "endDate", "startDate", "id", "uid"]);

interface SortKey {
  field: string;
  desc: boolean;
}
type Position = [string[], string];

export function contentList(ctx: RouteContext): SimResponse {
  const req = parseBody(listRequest, ctx.body);
  if (req.action !== undefined && !actions.has(req.action)) throw badRequest(`Invalid action: ${req.action}`);
  if (req.action === undefined && !ctx.user.admin) {
    throw new SimHttpError(403, "Listing without an action requires a site or platform administrator");
  }
  const sorts = parseSort(req.sortOrder);
  const max = parseMaxResults(req.maxResults);
  const types = req.action ? typesForAction(req.action) : undefined;

  const query = { ...req, cursor: undefined, maxResults: undefined, fields: undefined, lang: undefined };
  const hash = queryHash(query);
  const keyed = sortedQuery(
    ctx,
    hash,
    () =>
      [...ctx.store.contents.values()].filter((c) => {
        if (req.instanceId?.length && !req.instanceId.includes(c.instance)) return false;
        if (req.type?.length && !req.type.includes(c.type)) return false;
        if (types && !types.includes(c.type)) return false;
        if (req.excludeType?.includes(c.type)) return false;
        if (req.status?.length && !req.status.includes(c.status)) return false;
        if (req.excludeStatus?.includes(c.status)) return false;
        if (req.customContentType?.length && !req.customContentType.includes(c.customContentType))
          return false;
        if (req.ids?.length && !req.ids.includes(c.id)) return false;
        return true;
      }),
    sorts,
  );

  let start = 0;
  if (req.cursor) {
    const after = decodeCursor<Position>(req.cursor, hash);
    if (!Array.isArray(after) || !Array.isArray(after[0])) throw badRequest("Invalid cursor");
    start = firstAfter(keyed, after, sorts);
  }
  const page = keyed.slice(start, start + max);
  const more = start + max < keyed.length;
  // rights are applied to the page the query returned: a page may come back empty, yet not last
  const items = page
    .filter(({ c }) => userHoldsAction(ctx.user, req.action) && canRead(ctx.user, c))
    .map(({ c }) => serveContent(c, ctx.user, ctx.settings.widgetRights));
  const envelope: Record<string, unknown> = {};
  if (items.length > 0) envelope.items = items;
  envelope.more = more;
  const last = page[page.length - 1];
  if (more && last) envelope.cursor = encodeCursor(last.key, hash);
  envelope.callId = ctx.callId;
  return { status: 200, body: applyFields(envelope, ctx.query, req.fields), listing: true };
}

type Keyed = { c: SimContent; key: Position }[];
const cache = new WeakMap<object, Map<string, { revision: number; keyed: Keyed }>>();

/** The query's matching items in order, cached per store revision (paging a 10,000-item listing). */
function sortedQuery(ctx: RouteContext, hash: string, match: () => SimContent[], sorts: SortKey[]): Keyed {
  let perStore = cache.get(ctx.store);
  if (!perStore) {
    perStore = new Map();
    cache.set(ctx.store, perStore);
  }
  const hit = perStore.get(hash);
  if (hit && hit.revision === ctx.store.revision) return hit.keyed;
  const keyed = match().map((c) => ({ c, key: positionOf(c, sorts) }));
  keyed.sort((a, b) => comparePositions(a.key, b.key, sorts));
  if (perStore.size > 32) perStore.clear();
  perStore.set(hash, { revision: ctx.store.revision, keyed });
  return keyed;
}

function parseSort(sortOrder: string[] | string | undefined): SortKey[] {
  const list = sortOrder === undefined ? ["-updatedAt"] : Array.isArray(sortOrder) ? sortOrder : [sortOrder];
  return list.map((raw) => {
    const desc = raw.startsWith("-");
    const field = raw.replace(/^[-+]/, "");
    if (!sortable.has(field)) throw badRequest(`Invalid sortOrder: ${raw}`);
    return { field: field === "uid" ? "id" : field, desc };
  });
}

function positionOf(c: SimContent, sorts: SortKey[]): Position {
  return [sorts.map((s) => String(c[s.field] ?? "")), c.id];
}

function comparePositions(a: Position, b: Position, sorts: SortKey[]): number {
  for (let i = 0; i < sorts.length; i++) {
    const x = a[0][i] ?? "";
    const y = b[0][i] ?? "";
    if (x !== y) return (x < y ? -1 : 1) * (sorts[i]!.desc ? -1 : 1);
  }
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

/** Index of the first item strictly after the cursor's position (keyset paging). */
function firstAfter(keyed: { key: Position }[], after: Position, sorts: SortKey[]): number {
  let lo = 0;
  let hi = keyed.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comparePositions(keyed[mid]!.key, after, sorts) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
