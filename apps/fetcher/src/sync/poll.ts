import { maxTimestamp, minusMs, timestampMs } from "../normalize/timestamps.ts";
import type { SourceContext } from "./context.ts";
import { prepareItems } from "./items.ts";
import { scopeQuery } from "./listing.ts";
import type { Scope } from "./scopes.ts";

export interface PollResult {
  pages: number;
  read: number;
  upserted: number;
  deleted: number;
}

/**
 * One incremental poll of a scope: newest first, down to the watermark minus the overlap (no
 * page beyond the first item older than that). Only items whose version, updatedAt or audience
 * differ from what was emitted are sent, so the overlap costs no duplicate. The watermark moves
 * with each page's commit, after Kafka acknowledged it.
 */
export async function pollScope(ctx: SourceContext, scope: Scope): Promise<PollResult> {
  const before = ctx.state.scope(scope.id).watermark;
  const floor = before ? minusMs(before, ctx.config.overlapSeconds * 1000) : undefined;
  let watermark = before;
  const result: PollResult = { pages: 0, read: 0, upserted: 0, deleted: 0 };
  // no look-ahead here: the page after the floor must not be fetched at all
  for await (const page of ctx.client.listContent(scopeQuery(ctx, scope))) {
    result.pages++;
    const prepared = await prepareItems(ctx, scope, page.items, page.invalid, { floor });
    ctx.metrics.itemsListed.inc(
      { source: ctx.state.sourceId, scope: scope.id, mode: "poll" },
      page.items.length,
    );
    watermark = maxTimestamp(watermark, prepared.newest);
    const last = prepared.reachedFloor || !page.nextCursor || ctx.signal.aborted;
    const committed = await ctx.emitter.commit({
      ...prepared.commit,
      scope: {
        id: scope.id,
        patch: { watermark, ...(last ? { lastPollAt: new Date(ctx.now()).toISOString() } : {}) },
      },
    });
    result.read += prepared.read;
    result.upserted += committed.upserted;
    result.deleted += committed.deleted;
    if (last) break;
  }
  const labels = { source: ctx.state.sourceId, scope: scope.id };
  ctx.metrics.lastPoll.set(labels, ctx.now() / 1000);
  if (watermark) ctx.metrics.newestUpdatedAt.set(labels, timestampMs(watermark) / 1000);
  return result;
}
