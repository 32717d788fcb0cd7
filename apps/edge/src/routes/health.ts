import { Hono } from "hono";
import type { AppEnv } from "../env.ts";

/** GET /healthz: no key needed; the vars were checked on the way in, one KV read proves the binding. */
export function healthRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/", async (c) => {
    await c.get("kv").get("health:probe");
    return c.json({ status: "ok" });
  });
  return app;
}
