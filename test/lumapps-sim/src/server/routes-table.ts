import { contentGet } from "../routes/content-get.ts";
import { contentList } from "../routes/content-list.ts";
import { contentTypeList } from "../routes/content-types.ts";
import { instanceList } from "../routes/instance-list.ts";
import { metadataGet, metadataList } from "../routes/metadata.ts";
import type { RouteContext } from "./context.ts";
import type { SimResponse } from "./responses.ts";

export const V1_PREFIX = "/_ah/api/lumsites/v1/";

export interface V1Route {
  methods: string[];
  handler: (ctx: RouteContext) => SimResponse;
}

/** The v1 endpoints the simulator serves; methods as the discovery document declares them. */
export const v1Routes: Record<string, V1Route> = {
  "instance/list": { methods: ["GET", "POST"], handler: instanceList },
  "content/list": { methods: ["POST"], handler: contentList },
  "content/get": { methods: ["GET"], handler: contentGet },
  "metadata/get": { methods: ["GET"], handler: metadataGet },
  "metadata/list": { methods: ["GET"], handler: metadataList },
  "customcontenttype/list": { methods: ["GET"], handler: contentTypeList },
};

export type ResolvedRoute =
  | { name: "token"; family: "v2"; org: string }
  | { name: string; family: "v1"; route: V1Route | undefined }
  | { name: "v2"; family: "v2"; org: string };

export function resolveRoute(pathname: string): ResolvedRoute | undefined {
  if (pathname.startsWith(V1_PREFIX)) {
    const name = pathname.slice(V1_PREFIX.length).replace(/\/+$/, "");
    return { name, family: "v1", route: v1Routes[name] };
  }
  const token = /^\/v2\/organizations\/([^/]+)\/application-token\/?$/.exec(pathname);
  if (token) return { name: "token", family: "v2", org: decodeURIComponent(token[1]!) };
  const v2 = /^\/v2\/organizations\/([^/]+)\//.exec(pathname);
  if (v2) return { name: "v2", family: "v2", org: decodeURIComponent(v2[1]!) };
  return undefined;
}
