import { z } from "zod";

/** A source is one LumApps organization as configured (DESIGN.md "Identities"). */
export const SOURCE_ID_PATTERN = /^[a-z0-9-]{1,32}$/;
/** LumApps ids are digits in practice; we accept the URL-safe characters ids could use. */
export const CONTENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export const SourceIdSchema = z
  .string()
  .regex(SOURCE_ID_PATTERN, "a source id is 1-32 characters of a-z, 0-9 and '-'");
export const ContentIdSchema = z
  .string()
  .regex(CONTENT_ID_PATTERN, "a content id is 1-128 of A-Z a-z 0-9 _ -");

/** The same rule as `parseContentKey`, as a pattern so the JSON Schemas carry it too. */
export const CONTENT_KEY_PATTERN = /^[a-z0-9-]{1,32}:[A-Za-z0-9_-]{1,128}$/;
/** Longest content key: 32 + 1 + 128 characters, all ASCII. */
export const CONTENT_KEY_MAX_LENGTH = 161;

/** `<sourceId>:<contentId>`: the Kafka key, the edge's content id, the manifest key. */
export const ContentKeySchema = z
  .string()
  .max(CONTENT_KEY_MAX_LENGTH)
  .regex(CONTENT_KEY_PATTERN, "a content key is <sourceId>:<contentId>");
export type ContentKey = string;

export function contentKey(sourceId: string, contentId: string): ContentKey {
  if (!SOURCE_ID_PATTERN.test(sourceId)) throw new TypeError(`invalid source id "${sourceId}"`);
  if (!CONTENT_ID_PATTERN.test(contentId)) throw new TypeError(`invalid content id "${contentId}"`);
  return `${sourceId}:${contentId}`;
}

export function parseContentKey(key: string): { sourceId: string; contentId: string } | undefined {
  const i = key.indexOf(":");
  if (i < 0) return undefined;
  const sourceId = key.slice(0, i);
  const contentId = key.slice(i + 1);
  if (!SOURCE_ID_PATTERN.test(sourceId) || !CONTENT_ID_PATTERN.test(contentId)) return undefined;
  return { sourceId, contentId };
}

export function isContentKey(key: string): boolean {
  return parseContentKey(key) !== undefined;
}
