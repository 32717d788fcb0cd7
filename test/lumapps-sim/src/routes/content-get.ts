import type { RouteContext } from "../server/context.ts";
import { badRequest, notFound, SimHttpError } from "../server/errors.ts";
import type { SimResponse } from "../server/responses.ts";
import { actions, canRead, userHoldsAction } from "../store/actions.ts";
import { serveContent } from "../store/serve.ts";
import { applyFields } from "./request.ts";

/** GET content/get?uid=<id>&lang=<lang>: the content object, 404 when gone or not visible. */
export function contentGet(ctx: RouteContext): SimResponse {
  const uid = ctx.query.get("uid");
  if (!uid) {
    if (ctx.query.get("slug"))
      throw badRequest("content/get by slug is not modelled by the simulator: use uid");
    throw badRequest("Missing required parameter: uid");
  }
  const action = ctx.query.get("action") ?? undefined;
  if (action !== undefined && !actions.has(action)) throw badRequest(`Invalid action: ${action}`);
  const content = ctx.store.contents.get(uid);
  // a content the user may not read answers like one that does not exist
  if (!content || !canRead(ctx.user, content)) throw notFound(`Content ${uid} not found`);
  if (action !== undefined && !action.endsWith("_READ") && !userHoldsAction(ctx.user, action)) {
    throw new SimHttpError(403, `The user lacks the right ${action}`);
  }
  const served = serveContent(content, ctx.user, ctx.settings.widgetRights);
  return { status: 200, body: applyFields(served, ctx.query) };
}
