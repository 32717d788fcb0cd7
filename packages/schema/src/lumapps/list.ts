import { z } from "zod";

/** One entry of a list answer's `errors` (`ServerContentContentMessagesErrorReason`). */
export const LumAppsListErrorSchema = z.looseObject({
  reason: z.string().nullish(),
  target: z.unknown().optional(),
});

/**
 * The v1 list envelope. `items` may be absent on an empty page (`reference/list_empty.json`).
 * Paging rule (API.md §4): continue while `more` is true and a new cursor came back.
 */
export function lumAppsListEnvelopeSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    items: z.array(item).nullish(),
    more: z.boolean().nullish(),
    cursor: z.string().nullish(),
    callId: z.string().nullish(),
    queryId: z.string().nullish(),
    errors: z.array(LumAppsListErrorSchema).nullish(),
  });
}

/** The envelope with items left unparsed, so one odd item can be reported without losing the page. */
export const LumAppsListEnvelopeSchema = lumAppsListEnvelopeSchema(z.unknown());
export type LumAppsListEnvelope = z.infer<typeof LumAppsListEnvelopeSchema>;
