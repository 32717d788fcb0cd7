import { ApiKeyCreateSchema } from "@lumasnip/schema";
import { Hono } from "hono";
import { createKey, KEY_ID_PATTERN, listKeys, revokeKey } from "../auth/key-store.ts";
import type { AppEnv } from "../env.ts";
import { badRequest, NOT_FOUND } from "../errors.ts";
import { readJson } from "../http/body.ts";

/**
 * POST   /admin/v1/keys       one put; the key is in this answer only
 * GET    /admin/v1/keys       one list per 1,000 keys, one bulk read per 50 keys (record + last use)
 * DELETE /admin/v1/keys/:id   one prefix list, one read, one put
 */
export function adminKeyRoutes() {
  const app = new Hono<AppEnv>();
  app.post("/", async (c) => {
    const input = await readJson(c, ApiKeyCreateSchema, { maxBytes: 64 * 1024 });
    return c.json(await createKey(c.get("kv"), input, Date.now()), 201);
  });
  app.get("/", async (c) => c.json({ keys: await listKeys(c.get("kv")) }));
  app.delete("/:id", async (c) => {
    const id = c.req.param("id");
    if (!KEY_ID_PATTERN.test(id)) throw badRequest("a key id is 16 hexadecimal characters");
    if (!(await revokeKey(c.get("kv"), id, Date.now()))) throw NOT_FOUND();
    return c.json({ revoked: true });
  });
  return app;
}
