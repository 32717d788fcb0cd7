import { type ConsumedFailure, consumedDlqRecord } from "@lumasnip/bus";
import type { DlqRecord } from "@lumasnip/schema";

/** A DLQ record for a content event the snippetizer could not turn into snippets. */
export function stageDlqRecord(input: Omit<ConsumedFailure, "stage">): DlqRecord {
  // the content topic is compacted: a fixed snippetizer can also re-read everything (docs/snippets.md#reprocess)
  return consumedDlqRecord({ ...input, stage: "snippetizer" });
}
