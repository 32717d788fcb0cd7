import type { Context } from "hono";
import type { AppEnv } from "../env.ts";

function base64url(bytes: ArrayBuffer): string {
  let s = "";
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  // weak comparison (RFC 9110 13.1.2): W/ prefixes do not matter for If-None-Match
  return ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

/**
 * A JSON 200 with a strong ETag over the exact bytes, or a bodiless 304 when the client already
 * has them. The hash is over what this reader sees, so two readers with different views never share a tag.
 */
export async function jsonWithEtag(
  c: Context<AppEnv>,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const text = JSON.stringify(body);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  const etag = `"${base64url(digest).slice(0, 27)}"`;
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  c.header("etag", etag);
  if (matches(c.req.header("if-none-match"), etag)) return c.body(null, 304);
  c.header("content-type", "application/json; charset=utf-8");
  return c.body(text, 200);
}
