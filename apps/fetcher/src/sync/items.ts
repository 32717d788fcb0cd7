import type { InvalidItem } from "@lumasnip/lumapps";
import { CONTENT_ID_PATTERN, type LumAppsContent } from "@lumasnip/schema";
import { type Markers, readMarkers } from "../normalize/markers.ts";
import { normalizeContent } from "../normalize/normalize-content.ts";
import { maxTimestamp, type Timestamp } from "../normalize/timestamps.ts";
import { decideListed, liveEntry, scheduledEntry } from "../plan/decide.ts";
import { nowTimestamp, type SourceContext, siteOf } from "./context.ts";
import type { Commit, Invalid } from "./emitter.ts";
import { labelFingerprint } from "./label-cache.ts";
import type { Scope } from "./scopes.ts";

export interface PreparedItems {
  commit: Required<Pick<Commit, "upserts" | "deletes" | "invalid" | "entries">>;
  /** newest updatedAt among the items read */
  newest: Timestamp | undefined;
  /** an item older than `floor` was met: a -updatedAt listing need not go further */
  reachedFloor: boolean;
  read: number;
}

export interface PrepareOptions {
  /** items updated before this are left alone (the poll's watermark minus overlap) */
  floor?: Timestamp | undefined;
  /** emit these again even if unchanged (a label they carry was renamed) */
  force?: ReadonlySet<string> | undefined;
}

/** Identifying fields of an item for a DLQ record: never its body nor any email. */
export function dlqPayload(raw: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!raw) return undefined;
  const keep = [
    "id",
    "type",
    "instance",
    "customContentType",
    "status",
    "version",
    "updatedAt",
    "publicationDate",
    "endDate",
  ];
  return Object.fromEntries(keep.filter((k) => raw[k] !== undefined).map((k) => [k, raw[k]]));
}

/**
 * Turns listed (or fetched) items of one scope into a commit: upserts for new and changed items,
 * deletes for items no longer to be served, schedule entries for news not yet published, DLQ
 * records for items that cannot be read. Labels are fetched before normalizing.
 */
export async function prepareItems(
  ctx: SourceContext,
  scope: Scope,
  items: readonly LumAppsContent[],
  invalidItems: readonly InvalidItem[],
  options: PrepareOptions = {},
): Promise<PreparedItems> {
  const now = nowTimestamp(ctx);
  const out: PreparedItems = {
    commit: { upserts: [], deletes: [], invalid: [], entries: [] },
    newest: undefined,
    reachedFloor: false,
    read: 0,
  };
  const toUpsert: { raw: LumAppsContent; markers: Markers }[] = [];
  /** one DLQ record per bad item and version of it, across restarts (a `rejected` entry) */
  const reject = (invalid: Invalid) => {
    const id = invalid.contentId;
    const fingerprint = labelFingerprint([invalid.error, invalid.payload ?? null]);
    const entry = id ? ctx.state.item(id) : undefined;
    if (entry?.k === "rejected" && entry.a === fingerprint) return;
    const seenKey = `${id ?? "?"}|${fingerprint}`;
    if (ctx.dlqSeen.has(seenKey)) return;
    ctx.dlqSeen.set(seenKey, invalid.error);
    out.commit.invalid.push(invalid);
    // a live item keeps its entry: the reconcile must still be able to delete it
    if (id && CONTENT_ID_PATTERN.test(id) && (!entry || entry.k === "rejected")) {
      out.commit.entries.push([id, { k: "rejected", s: scope.id, v: 0, u: "", a: fingerprint }]);
    }
  };
  for (const bad of invalidItems) {
    reject({
      contentId: bad.id,
      error: `the item does not match the LumApps content shape: ${bad.issues.join("; ")}`,
    });
  }
  for (const raw of items) {
    const read = readMarkers(raw, ctx.config.emptyAudience);
    if (!read.ok) {
      reject({ contentId: read.contentId, error: read.error, payload: dlqPayload(raw) });
      continue;
    }
    const markers = read.markers;
    if (options.floor !== undefined && markers.updatedAt < options.floor) {
      out.reachedFloor = true;
      continue;
    }
    out.read++;
    out.newest = maxTimestamp(out.newest, markers.updatedAt);
    const entry = ctx.state.item(markers.id);
    let decision = decideListed(entry, markers, now);
    if (decision.kind === "unchanged" && entry?.k === "live" && options.force?.has(markers.id))
      decision = { kind: "upsert" };
    switch (decision.kind) {
      case "upsert":
        toUpsert.push({ raw, markers });
        break;
      case "delete":
        out.commit.deletes.push({
          id: markers.id,
          reason: decision.reason,
          lastVersion: entry?.v,
          next:
            decision.after === "schedule" && decision.at
              ? scheduledEntry(scope.id, markers, decision.at)
              : undefined,
        });
        break;
      case "schedule":
        out.commit.entries.push([markers.id, scheduledEntry(scope.id, markers, decision.at)]);
        break;
      case "forget":
        out.commit.entries.push([markers.id, undefined]);
        break;
      case "unchanged":
        break;
    }
  }
  if (toUpsert.length === 0) return out;
  await ctx.labels.ensure({
    metadataIds: toUpsert.flatMap((u) => u.markers.metadataIds),
    contentTypeIds: toUpsert.flatMap((u) => (u.markers.contentTypeId ? [u.markers.contentTypeId] : [])),
    siteIds: [scope.siteId],
  });
  for (const { raw, markers } of toUpsert) {
    try {
      const { content, warnings } = normalizeContent(raw, markers, {
        platformAddress: ctx.config.connection.platformAddress,
        languages: ctx.config.languages,
        emptyAudience: ctx.config.emptyAudience,
        type: scope.type,
        site: siteOf(ctx, scope.siteId),
        labels: ctx.labels,
      });
      if (warnings.length > 0)
        ctx.logger.warn({ contentId: markers.id, warnings }, "item normalized with warnings");
      out.commit.upserts.push({ id: markers.id, content, entry: liveEntry(scope.id, markers) });
    } catch (error) {
      reject({
        contentId: markers.id,
        error: `cannot normalize the item: ${(error as Error).message}`,
        payload: dlqPayload(raw),
      });
    }
  }
  return out;
}
