import type { Context } from "hono";
import type { z } from "zod";
import type { AppEnv } from "../env.ts";
import { badRequest, EdgeError } from "../errors.ts";

/**
 * Reads a JSON body of at most `maxBytes` and validates it. Problems name the field, never its
 * value; an empty body counts as `{}` when `emptyAsObject`.
 */
export async function readJson<S extends z.ZodType>(
  c: Context<AppEnv>,
  schema: S,
  { maxBytes, emptyAsObject = false }: { maxBytes: number; emptyAsObject?: boolean },
): Promise<z.output<S>> {
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > maxBytes) throw new EdgeError("payload_too_large", `the body is over ${maxBytes} bytes`);
  const text = await c.req.text();
  if (text.length > maxBytes) throw new EdgeError("payload_too_large", `the body is over ${maxBytes} bytes`);
  let json: unknown;
  if (text.trim() === "" && emptyAsObject) json = {};
  else {
    try {
      json = JSON.parse(text);
    } catch {
      throw badRequest("the body is not JSON");
    }
  }
  const r = schema.safeParse(json);
  if (!r.success) {
    const issues = r.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.map(String).join(".") || "(body)"}: ${i.message}`)
      .join("; ");
    throw badRequest(`the body does not match the schema: ${issues}`);
  }
  return r.data;
}
