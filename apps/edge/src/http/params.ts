import {
  CONTENT_KEY_MAX_LENGTH,
  CONTENT_KEY_PATTERN,
  LangSchema,
  normalizeUrl,
  SnippetIdSchema,
  SOURCE_ID_PATTERN,
  TAG_PATTERN,
} from "@lumasnip/schema";
import { z } from "zod";
import { badRequest } from "../errors.ts";
import { CURSOR_PATTERN } from "../kv/cursor.ts";

/**
 * Every path and query parameter of the API, as zod schemas: the handlers validate with them
 * before touching KV, and /openapi.json is generated from them.
 */
export const Params = {
  snippetId: SnippetIdSchema.describe("a snippet id: 26 base32 characters"),
  contentKey: z
    .string()
    .max(CONTENT_KEY_MAX_LENGTH)
    .regex(CONTENT_KEY_PATTERN)
    .describe("a content key, <sourceId>:<contentId>"),
  tag: z
    .string()
    .max(200)
    .regex(TAG_PATTERN)
    .describe("a tag id: metadata:<id>, type:<t>, content-type:<id> or site:<id>"),
  sourceId: z.string().regex(SOURCE_ID_PATTERN).describe("a source id"),
  siteId: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,128}$/)
    .describe("a LumApps site (instance) id"),
  lang: LangSchema.describe("a BCP 47 language tag; without it, the best match for Accept-Language"),
  limit: z.coerce.number().int().min(1).max(100).default(50).describe("page size, 1-100"),
  cursor: z.string().regex(CURSOR_PATTERN).describe("the cursor of the previous page"),
  url: z
    .string()
    .max(4096)
    .refine((u) => normalizeUrl(u) !== undefined, "an absolute http(s) URL")
    .describe("a LumApps URL of the content, in any of its languages"),
} as const;

export type ParamName = keyof typeof Params;

/** Parses one parameter or answers 400 naming it (never echoing the value: it may be huge or binary). */
export function param<N extends ParamName>(name: N, raw: string | undefined): z.output<(typeof Params)[N]> {
  if (raw !== undefined && raw.length > 8192) throw badRequest(`${name} is too long`);
  const r = Params[name].safeParse(raw);
  if (!r.success) throw badRequest(`${name} is not valid: ${r.error.issues[0]?.message ?? "invalid"}`);
  return r.data as z.output<(typeof Params)[N]>;
}

/** Like `param`, for a query parameter that may be absent. */
export function optionalParam<N extends ParamName>(
  name: N,
  raw: string | undefined,
): z.output<(typeof Params)[N]> | undefined {
  return raw === undefined ? undefined : param(name, raw);
}
