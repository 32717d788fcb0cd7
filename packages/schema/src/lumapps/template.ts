import { z } from "zod";
import { LumAppsFeedKeysSchema, LumAppsLocalizedTextSchema } from "./common.ts";

/**
 * One node of a LumApps template: a row (`cells`), a cell (`components`) or a widget
 * (`widgetType`, `properties`). Unknown node kinds and keys are kept: the snippetizer walks the
 * whole tree. A widget's `feedKeys` narrows the audience of its text; it must be an array of group
 * ids (or absent/null) — any other value fails the parse, so an unreadable permission fails closed.
 */
export interface LumAppsTemplateComponent {
  type?: string | null | undefined;
  widgetType?: string | null | undefined;
  uuid?: string | null | undefined;
  feedKeys?: string[] | null | undefined;
  title?: string | Record<string, string | null> | null | undefined;
  properties?: Record<string, unknown> | null | undefined;
  cells?: LumAppsTemplateComponent[] | null | undefined;
  components?: LumAppsTemplateComponent[] | null | undefined;
  [key: string]: unknown;
}

export const LumAppsTemplateComponentSchema: z.ZodType<LumAppsTemplateComponent> = z.lazy(() =>
  z.looseObject({
    type: z.string().nullish(),
    widgetType: z.string().nullish(),
    uuid: z.string().nullish(),
    feedKeys: LumAppsFeedKeysSchema.nullish(),
    title: LumAppsLocalizedTextSchema.nullish(),
    properties: z.record(z.string(), z.unknown()).nullish(),
    cells: z.array(LumAppsTemplateComponentSchema).nullish(),
    components: z.array(LumAppsTemplateComponentSchema).nullish(),
  }),
);

/** A content's `template` (the body), or a site template (`reference/template_1.json`). */
export const LumAppsTemplateSchema = z.looseObject({
  id: z.string().nullish(),
  basicMode: z.boolean().nullish(),
  components: z.array(LumAppsTemplateComponentSchema).nullish(),
});
export type LumAppsTemplate = z.infer<typeof LumAppsTemplateSchema>;
