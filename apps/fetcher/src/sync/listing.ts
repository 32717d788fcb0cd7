import type { ContentListQuery } from "@lumasnip/lumapps";
import type { SourceContext } from "./context.ts";
import type { Scope } from "./scopes.ts";

/** The content/list query of a scope: LIVE only, newest first, one action per call. */
export function scopeQuery(
  ctx: Pick<SourceContext, "config">,
  scope: Scope,
  extra: Partial<ContentListQuery> = {},
): ContentListQuery {
  return {
    siteIds: [scope.siteId],
    types: [scope.type],
    ...(scope.customContentType ? { customContentTypes: [scope.customContentType] } : {}),
    action: scope.action,
    statuses: ["LIVE"],
    sortOrder: ["-updatedAt"],
    maxResults: ctx.config.pageSize,
    ...extra,
  };
}

/** The scope an item was emitted under, even when the configuration no longer lists it. */
export function scopeById(ctx: Pick<SourceContext, "scopes">, id: string): Scope {
  const known = ctx.scopes.find((s) => s.id === id);
  if (known) return known;
  const [siteId = "", type = "", action = "", customContentType] = id.split("/");
  return { id, siteId, type, action, customContentType };
}
