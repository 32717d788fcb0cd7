import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { collectGarbage } from "../store/pending-deletes.ts";

/** POST /admin/v1/gc: one invocation's worth of due pending deletes; call again while `remaining` > 0. */
export function adminGcRoutes() {
  const app = new Hono<AppEnv>();
  app.post("/", async (c) => {
    const kv = c.get("kv");
    return c.json(await collectGarbage(kv, Date.now(), kv.remaining(10)));
  });
  return app;
}
