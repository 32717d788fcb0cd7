import { EmptyFeedKeysPolicySchema, SourceIdSchema, TOPIC_PREFIX_PATTERN, toBcp47 } from "@lumasnip/schema";
import { z } from "zod";

/**
 * The longest wait a Node timer keeps: a longer setTimeout (or AbortSignal.timeout) fires after
 * 1 ms, so a poll interval of a month would poll in a tight loop, a long request timeout would
 * time every call out at once (found by the break-it review).
 */
export const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

const seconds = (min: number, fallback: number) =>
  z
    .number({ error: "a number of seconds" })
    .min(min)
    .max(MAX_TIMER_SECONDS, `at most ${MAX_TIMER_SECONDS} seconds (about 24 days)`)
    .default(fallback);

export const ContentTypeSettingSchema = z.strictObject({
  /** LumApps `type`: page, news, custom, custom_list, ... */
  type: z.string().regex(/^[a-z][a-z_]{0,63}$/, "a LumApps content type such as page, news, custom"),
  /** the action the service user lists it with, e.g. PAGE_READ (one per call) */
  action: z.string().regex(/^[A-Z][A-Z_]{0,63}$/, "a LumApps action such as PAGE_READ, NEWS_READ"),
  /** only this custom content type (its id), when several share a `type` */
  customContentType: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,128}$/, "a content type id")
    .optional(),
});
export type ContentTypeSetting = z.infer<typeof ContentTypeSettingSchema>;

const language = z.string().transform((raw, ctx) => {
  const lang = toBcp47(raw);
  if (!lang) {
    ctx.addIssue({
      code: "custom",
      message: `"${raw.slice(0, 20)}" is not a language code (en, fr, pt-BR, ...)`,
    });
    return z.NEVER;
  }
  return lang;
});

/** One source's settings as the config file gives them (the LumApps connection is checked apart). */
export const SourceSettingsSchema = z.strictObject({
  sourceId: SourceIdSchema,
  /** the five LumApps settings and the platform address (the secret comes from the environment) */
  lumapps: z.record(z.string(), z.unknown()).default({}),
  /** site ids, or "all": every site the service user can list */
  sites: z
    .union([z.literal("all"), z.array(z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, "a site id")).min(1)], {
      error: 'a list of site ids, or "all"',
    })
    .default("all"),
  contentTypes: z
    .array(ContentTypeSettingSchema)
    .min(1)
    .default([
      { type: "page", action: "PAGE_READ" },
      { type: "news", action: "NEWS_READ" },
    ]),
  /** languages to carry; absent: every language an item has */
  languages: z.array(language).min(1).optional(),
  pollIntervalSeconds: seconds(1, 60),
  /** how far below the watermark a poll looks again (late-visible writes) */
  overlapSeconds: seconds(0, 120),
  reconcileIntervalSeconds: seconds(10, 3600),
  /** label (metadata, content type) cache lifetime */
  labelTtlSeconds: seconds(1, 3600),
  requestTimeoutSeconds: seconds(1, 120),
  /** 0: unlimited; else at least one request per MAX_TIMER_SECONDS (a longer wait is no timer) */
  requestsPerSecond: z
    .number()
    .min(0)
    .refine((v) => v === 0 || v >= 0.001, "0 (unlimited) or at least 0.001 requests per second")
    .default(10),
  /** scopes listed at once */
  scopeConcurrency: z.number().int().min(1).max(64).default(4),
  pageSize: z.number().int().min(1).max(100).default(100),
  /** what an empty `feedKeys` means (docs/fetcher.md#audiences) */
  emptyAudience: EmptyFeedKeysPolicySchema.default("everyone"),
  massDelete: z
    .strictObject({
      maxShare: z.number().min(0).max(1).default(0.1),
      alwaysAllow: z.number().int().min(0).default(1),
    })
    .default({ maxShare: 0.1, alwaysAllow: 1 }),
});
export type SourceSettings = z.infer<typeof SourceSettingsSchema>;

export const FileConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  topicPrefix: z.string().regex(TOPIC_PREFIX_PATTERN, "letters, digits, . _ -").default("lumasnip"),
  ops: z
    .strictObject({
      port: z.number().int().min(0).max(65535).default(9464),
      host: z.string().min(1).default("127.0.0.1"),
    })
    .default({ port: 9464, host: "127.0.0.1" }),
  lock: z
    .strictObject({
      /** how long a crashed fetcher holds its source before another may take it, ms */
      sessionTimeoutMs: z.number().int().min(6000).max(300_000).default(30_000),
    })
    .default({ sessionTimeoutMs: 30_000 }),
  sources: z.array(z.unknown()).min(1, "at least one source"),
});
