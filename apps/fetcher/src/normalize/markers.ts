import { CONTENT_ID_PATTERN, type EmptyFeedKeysPolicy } from "@lumasnip/schema";
import { audienceFingerprint } from "./fingerprint.ts";
import { type Timestamp, toTimestamp } from "./timestamps.ts";

/** What the fetcher remembers of an item to tell whether it changed (the live set's entry). */
export interface Markers {
  id: string;
  status: string;
  version: number;
  updatedAt: Timestamp;
  /** audience + widget restrictions (fingerprint.ts) */
  audience: string;
  publicationDate?: Timestamp | undefined;
  endDate?: Timestamp | undefined;
  metadataIds: string[];
  contentTypeId?: string | undefined;
}

export type MarkersResult =
  | { ok: true; markers: Markers }
  | { ok: false; contentId: string | undefined; error: string };

/** The fields markers are read from: a whole content or a reconcile projection of one. */
export interface MarkerSource {
  id?: unknown;
  status?: string | null | undefined;
  version?: unknown;
  updatedAt?: unknown;
  publicationDate?: unknown;
  endDate?: unknown;
  feedKeys?: unknown;
  metadata?: unknown;
  customContentType?: string | null | undefined;
  template?: unknown;
}

/**
 * Reads an item's change markers, from the live (top-level) fields — never `lastRevision`, which
 * may be a draft ahead of what readers see. An item whose id, version or dates cannot be read is
 * refused with the reason (it goes to the DLQ; a wrong date could serve expired news).
 */
export function readMarkers(item: MarkerSource, policy: EmptyFeedKeysPolicy): MarkersResult {
  const rawId = typeof item.id === "number" ? String(item.id) : item.id;
  const id = typeof rawId === "string" && CONTENT_ID_PATTERN.test(rawId) ? rawId : undefined;
  const fail = (error: string): MarkersResult => ({
    ok: false,
    contentId: id ?? (typeof rawId === "string" ? rawId.slice(0, 128) : undefined),
    error,
  });
  if (!id) return fail("id: missing or not a LumApps content id");
  const version =
    typeof item.version === "string" && /^\d+$/.test(item.version) ? Number(item.version) : item.version;
  if (typeof version !== "number" || !Number.isSafeInteger(version) || version < 0) {
    return fail("version: missing or not a non-negative integer");
  }
  const updatedAt = toTimestamp(item.updatedAt);
  if (!updatedAt) return fail(`updatedAt: ${describeDate(item.updatedAt)}`);
  const dates: { publicationDate?: Timestamp; endDate?: Timestamp } = {};
  for (const field of ["publicationDate", "endDate"] as const) {
    const raw = item[field];
    if (raw === undefined || raw === null || raw === "") continue;
    const ts = toTimestamp(raw);
    if (!ts) return fail(`${field}: ${describeDate(raw)}`);
    dates[field] = ts;
  }
  const metadataIds = Array.isArray(item.metadata)
    ? [...new Set(item.metadata.filter((m): m is string => typeof m === "string" && m !== ""))]
    : [];
  return {
    ok: true,
    markers: {
      id,
      status: item.status ?? "LIVE",
      version,
      updatedAt,
      audience: audienceFingerprint(item.feedKeys, item.template, policy),
      ...dates,
      metadataIds,
      contentTypeId: item.customContentType || undefined,
    },
  };
}

function describeDate(raw: unknown): string {
  if (raw === undefined || raw === null || raw === "") return "missing";
  return "not a date (expected e.g. 2019-03-12T11:50:58.856571)";
}
