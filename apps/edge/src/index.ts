import { Hono } from "hono";

export interface Env {
  SNIPPETS: KVNamespace;
  STALE_GRACE_SECONDS: string;
  ADMIN_SECRET?: string;
}

const app = new Hono<{ Bindings: Env }>();
app.get("/healthz", async (c) => {
  // one cheap KV read proves the binding answers
  await c.env.SNIPPETS.get("health:probe");
  return c.json({ status: "ok" });
});

export default app;
