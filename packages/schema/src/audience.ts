import { z } from "zod";

/**
 * An audience is the set of LumApps group ids (feed keys) that may read something, sorted and
 * de-duplicated; `["*"]` means every user of the organization; `[]` means nobody but `*` readers
 * (what unreadable permissions fail closed to).
 */
export const EVERYONE = "*";
export const GroupIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^\s,]+$/, "a group id has no spaces or commas");
export const AudienceSchema = z.array(GroupIdSchema).max(1000);
export type Audience = string[];

/** What a content with an empty `feedKeys` means: a setting (docs/contracts.md#audiences). */
export const EmptyFeedKeysPolicySchema = z.enum(["everyone", "nobody"]);
export type EmptyFeedKeysPolicy = z.infer<typeof EmptyFeedKeysPolicySchema>;
export const DEFAULT_EMPTY_FEED_KEYS_POLICY: EmptyFeedKeysPolicy = "everyone";

export function normalizeAudience(groups: Iterable<string>): Audience {
  const set = new Set(groups);
  if (set.has(EVERYONE)) return [EVERYONE];
  return [...set].sort();
}

function readFeedKeys(feedKeys: unknown): string[] | "unreadable" {
  if (!Array.isArray(feedKeys)) return "unreadable";
  const out: string[] = [];
  for (const k of feedKeys) {
    if (typeof k !== "string" && typeof k !== "number") return "unreadable";
    const s = String(k).trim();
    if (s === "" || s === EVERYONE || /[\s,]/.test(s)) return "unreadable";
    out.push(s);
  }
  return out;
}

/**
 * A content's audience from its `feedKeys`. Missing or malformed permissions fail closed
 * (nobody); an empty list means what the source's policy says.
 */
export function contentAudience(feedKeys: unknown, policy: EmptyFeedKeysPolicy): Audience {
  const keys = readFeedKeys(feedKeys);
  if (keys === "unreadable") return [];
  if (keys.length === 0) return policy === "everyone" ? [EVERYONE] : [];
  return normalizeAudience(keys);
}

/**
 * The audience of text inside a widget: the content's audience narrowed by the widget's own
 * `feedKeys`. An absent or empty widget list does not narrow; a malformed one fails closed.
 */
export function widgetAudience(content: Audience, widgetFeedKeys: unknown): Audience {
  if (widgetFeedKeys === undefined || widgetFeedKeys === null) return content;
  const keys = readFeedKeys(widgetFeedKeys);
  if (keys === "unreadable") return [];
  if (keys.length === 0) return content;
  return intersectAudiences(content, normalizeAudience(keys));
}

/** Intersection, where `*` is the whole set. */
export function intersectAudiences(a: Audience, b: Audience): Audience {
  if (a.includes(EVERYONE)) return normalizeAudience(b);
  if (b.includes(EVERYONE)) return normalizeAudience(a);
  const bs = new Set(b);
  return normalizeAudience(a.filter((g) => bs.has(g)));
}

/**
 * The one rule the edge applies. A key's audiences (`*` = all groups) may be narrowed per request
 * to an end user's groups (trusted keys only, checked by the caller), never widened. Content for
 * `*` is readable by every reader; content for `[]` only by an un-narrowed `*` key.
 */
export function canRead(
  keyAudiences: readonly string[],
  requestAudiences: readonly string[] | undefined,
  itemAudience: readonly string[],
): boolean {
  const keyAll = keyAudiences.includes(EVERYONE);
  let reader: ReadonlySet<string> | "all";
  if (requestAudiences === undefined) {
    reader = keyAll ? "all" : new Set(keyAudiences);
  } else {
    // narrowing: the request's groups, limited to what the key itself may see; `*` in a
    // request never widens anything
    const req = requestAudiences.filter((g) => g !== EVERYONE);
    reader = new Set(keyAll ? req : req.filter((g) => keyAudiences.includes(g)));
  }
  if (reader === "all") return true;
  if (itemAudience.includes(EVERYONE)) return true;
  return itemAudience.some((g) => reader.has(g));
}
