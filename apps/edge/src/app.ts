import { Hono } from "hono";
import { adminContentRoutes } from "./admin/contents.ts";
import { adminGcRoutes } from "./admin/gc.ts";
import { adminKeyRoutes } from "./admin/keys.ts";
import { adminManifestRoutes } from "./admin/manifests.ts";
import { adminSnippetRoutes } from "./admin/snippets.ts";
import type { AppEnv } from "./env.ts";
import { NOT_FOUND, onError } from "./errors.ts";
import { requireKey, resolveReader } from "./middleware/auth.ts";
import { privateCache, requestContext } from "./middleware/context.ts";
import { contentRoutes } from "./routes/contents.ts";
import { healthRoutes } from "./routes/health.ts";
import { siteRoutes, tagRoutes } from "./routes/listings.ts";
import { lookupRoutes } from "./routes/lookup.ts";
import { openApiRoutes } from "./routes/openapi.ts";
import { snippetRoutes } from "./routes/snippets.ts";

/** The whole edge: the read API under /v1, the admin protocol under /admin/v1, health and the OpenAPI document. */
export function createApp() {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound(() => {
    throw NOT_FOUND();
  });
  app.use("*", requestContext());

  app.route("/healthz", healthRoutes());
  app.route("/openapi.json", openApiRoutes());

  const v1 = new Hono<AppEnv>();
  v1.use("*", privateCache(), requireKey({ scopes: ["read"] }), resolveReader());
  v1.route("/snippets", snippetRoutes());
  v1.route("/contents", contentRoutes());
  v1.route("/tags", tagRoutes());
  v1.route("/sites", siteRoutes());
  v1.route("/lookup", lookupRoutes());
  app.route("/v1", v1);

  const admin = new Hono<AppEnv>();
  const publisher = requireKey({ scopes: ["write"] });
  for (const path of ["/manifests/*", "/snippets", "/contents/*"]) admin.use(path, publisher);
  admin.use("/gc", requireKey({ scopes: ["write", "admin"], bootstrap: true }));
  const keyAdmin = requireKey({ scopes: ["admin"], bootstrap: true });
  admin.use("/keys", keyAdmin);
  admin.use("/keys/*", keyAdmin);
  admin.route("/manifests", adminManifestRoutes());
  admin.route("/snippets", adminSnippetRoutes());
  admin.route("/contents", adminContentRoutes());
  admin.route("/gc", adminGcRoutes());
  admin.route("/keys", adminKeyRoutes());
  app.route("/admin/v1", admin);

  return app;
}

export type App = ReturnType<typeof createApp>;
