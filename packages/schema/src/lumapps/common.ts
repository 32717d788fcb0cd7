import { z } from "zod";

/**
 * A LumApps language map (`{"en": "...", "fr": "..."}`), keys as LumApps writes them. The v1
 * discovery document types these fields as plain strings, and some objects carry a bare string,
 * so a string is accepted too; values may be null for a language that was cleared.
 */
export const LumAppsLocalizedTextSchema = z.union([z.string(), z.record(z.string(), z.string().nullable())]);
export type LumAppsLocalizedText = z.infer<typeof LumAppsLocalizedTextSchema>;

/** LumApps ids are digit strings; a few older payloads carry them as numbers. */
export const LumAppsIdSchema = z.union([z.string(), z.number().transform((n) => String(n))]);

/** v1 timestamps have no zone (`2019-03-12T11:50:58.856571`, UTC); v2 ones carry `+00:00`. */
export const LumAppsTimestampSchema = z.string();

/** Versions are integers; protorpc-style payloads may carry 64-bit integers as digit strings. */
export const LumAppsVersionSchema = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

/** Group ids ("feeds") an object is visible to. */
export const LumAppsFeedKeysSchema = z.array(z.string());

/** Content statuses (API.md §4). Unknown values are kept as strings by the schemas that use this. */
export const LUMAPPS_CONTENT_STATUSES = [
  "DRAFT",
  "REFUSED",
  "TO_VALIDATE",
  "LIVE",
  "ARCHIVE",
  "DELETED",
] as const;
export type LumAppsContentStatus = (typeof LUMAPPS_CONTENT_STATUSES)[number];

/** People as LumApps describes them in `authorDetails`, `writerDetails`, `updatedByDetails`. */
export const LumAppsPersonSchema = z.looseObject({
  id: z.string().nullish(),
  uid: z.string().nullish(),
  email: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  fullName: z.string().nullish(),
});
export type LumAppsPerson = z.infer<typeof LumAppsPersonSchema>;
