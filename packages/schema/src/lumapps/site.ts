import { z } from "zod";
import { LumAppsIdSchema, LumAppsLocalizedTextSchema, LumAppsTimestampSchema } from "./common.ts";

/** A LumApps site ("instance"), as `instance/list` returns it (`reference/instance_list*.json`). */
export const LumAppsSiteSchema = z.looseObject({
  id: LumAppsIdSchema,
  uid: LumAppsIdSchema.nullish(),
  name: z.string().nullish(),
  title: LumAppsLocalizedTextSchema.nullish(),
  slug: z.string().nullish(),
  status: z.string().nullish(),
  langs: z.array(z.string()).nullish(),
  defaultLang: z.string().nullish(),
  parent: z.string().nullish(),
  customer: z.string().nullish(),
  hosts: z.array(z.unknown()).nullish(),
  createdAt: LumAppsTimestampSchema.nullish(),
  updatedAt: LumAppsTimestampSchema.nullish(),
});
export type LumAppsSite = z.infer<typeof LumAppsSiteSchema>;
