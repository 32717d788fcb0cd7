import { z } from "zod";
import { IsoDateSchema, SCHEMA_VERSION } from "../envelope.ts";

export const DlqStageSchema = z.enum(["fetcher", "snippetizer", "publisher"]);
export type DlqStage = z.infer<typeof DlqStageSchema>;
/** Closed set of reasons; `too_large` is the one fallback for a message over the topic's limit. */
export const DlqReasonSchema = z.enum([
  "too_large",
  "invalid_event",
  "invalid_content",
  "snippetize_failed",
  "publish_failed",
]);
export type DlqReason = z.infer<typeof DlqReasonSchema>;

/** A value of `lumasnip.dlq.v1` (keyed by the content key when known). */
export const DlqRecordSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  kind: z.literal("dlq.record"),
  /** absent when the bad input had no readable source id */
  sourceId: z.string().optional(),
  producedAt: IsoDateSchema,
  stage: DlqStageSchema,
  reason: DlqReasonSchema,
  /** a human sentence naming the problem and what to do; never a secret */
  error: z.string(),
  key: z.string().optional(),
  contentId: z.string().optional(),
  /** where the failed input was read from, for replay */
  original: z.object({ topic: z.string(), partition: z.number().int(), offset: z.string() }).optional(),
  /** sizes for `too_large` */
  size: z.object({ bytes: z.number().int(), limit: z.number().int() }).optional(),
  /** the failed input itself when it fits (truncated otherwise) */
  payload: z.string().optional(),
  /** the command that replays this record after a fix */
  replay: z.string().optional(),
});
export type DlqRecord = z.infer<typeof DlqRecordSchema>;
