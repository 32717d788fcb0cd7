import type { DeleteReason } from "@lumasnip/schema";
import type { Timestamp } from "./timestamps.ts";

export type Visibility =
  | { kind: "live" }
  /** LIVE, but `publicationDate` is still ahead: emitted when it arrives */
  | { kind: "scheduled"; at: Timestamp }
  /** not to be served: a delete if it had been emitted */
  | { kind: "gone"; reason: DeleteReason };

/**
 * Whether readers may see a content now (DESIGN.md: news past `endDate` or before
 * `publicationDate` is not served). The listing asks for LIVE only; the status is checked again
 * because a listing may not honour the filter.
 */
export function visibilityOf(
  item: {
    status?: string | null | undefined;
    endDate?: Timestamp | undefined;
    publicationDate?: Timestamp | undefined;
  },
  now: Timestamp,
): Visibility {
  const status = item.status ?? "LIVE";
  if (status !== "LIVE") return { kind: "gone", reason: statusReason(status) };
  if (item.endDate !== undefined && item.endDate <= now) return { kind: "gone", reason: "expired" };
  if (item.publicationDate !== undefined && item.publicationDate > now)
    return { kind: "scheduled", at: item.publicationDate };
  return { kind: "live" };
}

export function statusReason(status: string): DeleteReason {
  if (status === "ARCHIVE") return "archived";
  if (status === "DELETED") return "deleted";
  return "unpublished";
}
