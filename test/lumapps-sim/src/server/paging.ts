import { createHash } from "node:crypto";
import { badRequest } from "./errors.ts";

/** `maxResults` arrives as a string (the discovery document's type) or a number; 1..100, default 30. */
export function parseMaxResults(value: unknown, fallback = 30): number {
  if (value === undefined || value === null || value === "") return fallback;
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < 1) throw badRequest(`Invalid maxResults: ${JSON.stringify(value)}`);
  // the server caps pages at 100 whatever is asked (API.md §4)
  return Math.min(n, 100);
}

/** A short fingerprint of a query: a cursor only continues the query it came from. */
export function queryHash(query: unknown): string {
  return createHash("sha256").update(JSON.stringify(query)).digest("base64url").slice(0, 10);
}

/** Opaque cursors, shaped like Datastore ones (long base64url strings). */
export function encodeCursor(position: unknown, hash: string): string {
  return Buffer.from(JSON.stringify({ p: position, q: hash, v: 1 })).toString("base64url");
}

export function decodeCursor<T>(cursor: string, hash: string): T {
  let parsed: { p?: T; q?: string; v?: number };
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badRequest("Invalid cursor");
  }
  if (parsed?.v !== 1 || parsed.p === undefined) throw badRequest("Invalid cursor");
  if (parsed.q !== hash) throw badRequest("Invalid cursor: it belongs to another query");
  return parsed.p;
}

/** Offset paging for the small listings (sites, metadata, content types). */
export function pageByOffset<T>(
  all: T[],
  params: { cursor?: unknown; maxResults?: unknown },
  query: unknown,
): { items: T[]; more: boolean; cursor?: string } {
  const hash = queryHash(query);
  const max = parseMaxResults(params.maxResults);
  const cursor = typeof params.cursor === "string" && params.cursor !== "" ? params.cursor : undefined;
  const start = cursor ? decodeCursor<number>(cursor, hash) : 0;
  if (!Number.isInteger(start) || start < 0) throw badRequest("Invalid cursor");
  const items = all.slice(start, start + max);
  const more = start + max < all.length;
  return more ? { items, more, cursor: encodeCursor(start + max, hash) } : { items, more };
}
