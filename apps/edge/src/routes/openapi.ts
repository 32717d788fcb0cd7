import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { jsonWithEtag } from "../http/respond.ts";
import { openApiDocument } from "../openapi/document.ts";

let document: Record<string, unknown> | undefined;

/** GET /openapi.json: public, no KV. */
export function openApiRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/", (c) => {
    document ??= openApiDocument();
    return jsonWithEtag(c, document, { "cache-control": "public, max-age=300" });
  });
  return app;
}
