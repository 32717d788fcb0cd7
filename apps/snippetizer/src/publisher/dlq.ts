import { type ConsumedFailure, consumedDlqRecord } from "@lumasnip/bus";
import type { DlqRecord } from "@lumasnip/schema";

/** A DLQ record for a snippet event the publisher gave up on, with the command that replays it. */
export function dlqRecord(input: Omit<ConsumedFailure, "stage">): DlqRecord {
  // the topic is compacted: the content's latest set is also re-published by any later change
  return consumedDlqRecord({ ...input, stage: "publisher" });
}
