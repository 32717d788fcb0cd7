import { BrokenListingError, LumAppsHttpError } from "@lumasnip/lumapps";
import type { Progress } from "@lumasnip/service";
import { maxTimestamp, timestampMs } from "../normalize/timestamps.ts";
import type { FullSyncProgress } from "../state/types.ts";
import { lookahead } from "./concurrency.ts";
import type { SourceContext } from "./context.ts";
import { prepareItems } from "./items.ts";
import { scopeQuery } from "./listing.ts";
import type { Scope } from "./scopes.ts";

export const needsFullSync = (ctx: SourceContext, scope: Scope) => {
  const s = ctx.state.scope(scope.id);
  return s.fullSync !== undefined || s.fullSyncDoneAt === undefined;
};

/**
 * Lists every LIVE item of a scope and emits what differs from the state. The cursor is saved
 * with each page (after Kafka acknowledged it), so a crash resumes at the page it stopped on.
 * On SIGTERM the page in hand is finished and saved. Returns false when stopped before the end.
 */
export async function fullSyncScope(
  ctx: SourceContext,
  scope: Scope,
  options: { restart?: boolean; progress?: Progress | undefined } = {},
): Promise<boolean> {
  const log = ctx.logger.child({ scope: scope.id, mode: "full" });
  const fresh = (): FullSyncProgress => ({
    pages: 0,
    items: 0,
    startedAt: new Date(ctx.now()).toISOString(),
  });
  let progress = (!options.restart && ctx.state.scope(scope.id).fullSync) || fresh();
  if (progress.cursor)
    log.info({ pages: progress.pages, items: progress.items }, "full sync resumes at its saved cursor");
  await ctx.emitter.commit({ scope: { id: scope.id, patch: { fullSync: progress } } });
  const started = Date.now();
  let upserted = 0;
  try {
    for await (const page of lookahead(
      ctx.client.listContent(scopeQuery(ctx, scope, { cursor: progress.cursor })),
    )) {
      const prepared = await prepareItems(ctx, scope, page.items, page.invalid);
      ctx.metrics.itemsListed.inc(
        { source: ctx.state.sourceId, scope: scope.id, mode: "full" },
        page.items.length,
      );
      progress = {
        ...progress,
        cursor: page.nextCursor,
        newest: maxTimestamp(progress.newest, prepared.newest),
        pages: progress.pages + 1,
        items: progress.items + page.items.length + page.invalid.length,
      };
      const result = await ctx.emitter.commit({
        ...prepared.commit,
        scope: { id: scope.id, patch: { fullSync: progress } },
      });
      upserted += result.upserted;
      options.progress?.tick(page.items.length + page.invalid.length, { scope: scope.id });
      if (ctx.signal.aborted && page.nextCursor) {
        log.info({ pages: progress.pages }, "full sync paused at a saved cursor");
        return false;
      }
    }
  } catch (error) {
    const cursorRefused =
      error instanceof LumAppsHttpError && error.status === 400 && progress.cursor !== undefined;
    if (cursorRefused || error instanceof BrokenListingError) {
      // the state dedupes what a restart lists again: only changed items are emitted twice
      log.warn(
        { err: error },
        "full sync listing cannot go on from its cursor: it restarts from the beginning",
      );
      await ctx.emitter.commit({ scope: { id: scope.id, patch: { fullSync: fresh() } } });
    }
    throw error;
  }
  const watermark = maxTimestamp(ctx.state.scope(scope.id).watermark, progress.newest);
  await ctx.emitter.commit({
    scope: {
      id: scope.id,
      patch: { fullSync: undefined, fullSyncDoneAt: new Date(ctx.now()).toISOString(), watermark },
    },
  });
  if (watermark)
    ctx.metrics.newestUpdatedAt.set(
      { source: ctx.state.sourceId, scope: scope.id },
      timestampMs(watermark) / 1000,
    );
  log.info(
    { pages: progress.pages, items: progress.items, upserted, ms: Date.now() - started },
    "full sync done",
  );
  return true;
}
