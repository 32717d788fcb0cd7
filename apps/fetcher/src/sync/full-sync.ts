import { BrokenListingError, LumAppsHttpError } from "@lumasnip/lumapps";
import type { Progress } from "@lumasnip/service";
import { maxTimestamp, minTimestamp, timestampMs, toTimestamp } from "../normalize/timestamps.ts";
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
 * The full sync of one scope. Its pages are sequential (each needs the cursor of the one
 * before), so one large scope would bound the whole phase: when a listing slot is free, a second
 * listing can start from the oldest end (`+updatedAt`, `split`) and the two stop where they meet.
 * - No item twice: an id one listing took is skipped by the other (and the state dedupes what a
 *   resumed listing lists again).
 * - Nothing missed: the newest-first listing has covered every item newer than the oldest
 *   `updatedAt` it met, the oldest-first one every item older than the newest it met; once the
 *   first is below the second, nothing lies between. An item edited meanwhile jumps above both
 *   and is the next poll's, as with one listing.
 * - Each listing saves its cursor and frontier with its own pages (`fullSync`, `fullSyncUp`),
 *   after Kafka acknowledged them: a crash resumes both. A failure of either fails the attempt.
 */
export interface ScopeSync {
  /** pages read newest-first (a large scope is the one worth splitting) */
  pages(): number;
  /** true while a listing from the oldest end would help */
  canSplit(): boolean;
  /** true while one might help later (the scope is still listing from one end only) */
  mayNeedSplit(): boolean;
  /** lists from the oldest end until the listings meet; its failure fails `run` */
  split(): Promise<void>;
  /** lists newest-first, waits for the other listing, then marks the scope done; false when stopped by the signal first */
  run(): Promise<boolean>;
}

type Direction = "down" | "up";
type Outcome = "ended" | "met" | "paused";

export function createScopeSync(
  ctx: SourceContext,
  scope: Scope,
  options: { restart?: boolean; progress?: Progress | undefined; onPage?: () => void } = {},
): ScopeSync {
  const log = ctx.logger.child({ scope: scope.id, mode: "full" });
  const fresh = (): FullSyncProgress => ({
    pages: 0,
    items: 0,
    startedAt: new Date(ctx.now()).toISOString(),
  });
  const saved = ctx.state.scope(scope.id);
  const progress: Record<Direction, FullSyncProgress | undefined> = {
    down: (!options.restart && saved.fullSync) || fresh(),
    up: options.restart ? undefined : saved.fullSyncUp,
  };
  const claimed = new Set<string>();
  // frontiers of what was read (its commit follows): where the listings stop
  let oldestDown = progress.down?.oldest;
  let newestUp = progress.up?.newest;
  let ended = false;
  let failure: unknown;
  let upRun: Promise<Outcome | undefined> | undefined;
  const stopped = () => failure !== undefined;
  const complete = () =>
    ended || (oldestDown !== undefined && newestUp !== undefined && oldestDown < newestUp);
  const field = (dir: Direction) => (dir === "down" ? "fullSync" : "fullSyncUp");

  async function listing(dir: Direction): Promise<Outcome> {
    let p = progress[dir] ?? fresh();
    const query = scopeQuery(ctx, scope, {
      cursor: p.cursor,
      ...(dir === "up" ? { sortOrder: ["updatedAt"] } : {}),
    });
    try {
      for await (const page of lookahead(ctx.client.listContent(query))) {
        if (stopped()) return "paused";
        let low = p.oldest;
        let high = p.newest;
        const items = page.items.filter((item) => {
          const at = toTimestamp(item.updatedAt);
          low = minTimestamp(low, at);
          high = maxTimestamp(high, at);
          if (claimed.has(item.id)) return false;
          claimed.add(item.id);
          return true;
        });
        if (dir === "down") oldestDown = low;
        else newestUp = high;
        const prepared = await prepareItems(ctx, scope, items, page.invalid);
        ctx.metrics.itemsListed.inc(
          { source: ctx.state.sourceId, scope: scope.id, mode: "full" },
          items.length,
        );
        const read = page.items.length + page.invalid.length;
        p = {
          ...p,
          cursor: page.nextCursor,
          newest: high,
          ...(dir === "down" ? { oldest: low } : {}),
          pages: p.pages + 1,
          items: p.items + read,
        };
        progress[dir] = p;
        await ctx.emitter.commit({ ...prepared.commit, scope: { id: scope.id, patch: { [field(dir)]: p } } });
        options.progress?.tick(read, { scope: scope.id });
        options.onPage?.();
        if (!page.nextCursor) {
          ended = true;
          return "ended";
        }
        if (complete()) return "met";
        if (ctx.signal.aborted || stopped()) return "paused";
      }
      return "ended";
    } catch (error) {
      const cursorRefused =
        error instanceof LumAppsHttpError && error.status === 400 && p.cursor !== undefined;
      if (cursorRefused || error instanceof BrokenListingError) {
        // the state dedupes what a restart lists again: only changed items are emitted twice
        log.warn({ err: error, listing: dir }, "full sync listing cannot go on from its cursor: it restarts");
        await ctx.emitter.commit({
          scope: { id: scope.id, patch: { [field(dir)]: dir === "down" ? fresh() : undefined } },
        });
      }
      throw error;
    }
  }

  const fail = (error: unknown) => {
    failure ??= error;
    return undefined;
  };

  const mayNeedSplit = () => upRun === undefined && !complete() && !stopped() && !ctx.signal.aborted;
  return {
    pages: () => progress.down?.pages ?? 0,
    mayNeedSplit,
    // a scope of one or two pages is done before a second listing would pay off
    canSplit: () => mayNeedSplit() && ((progress.down?.pages ?? 0) >= 2 || progress.up !== undefined),
    split() {
      upRun = listing("up").catch(fail);
      return upRun.then(() => {});
    },
    async run() {
      const down = progress.down ?? fresh();
      if (down.cursor || progress.up)
        log.info({ pages: down.pages, items: down.items }, "full sync resumes at its saved cursor");
      await ctx.emitter.commit({
        scope: {
          id: scope.id,
          patch: { fullSync: down, ...(options.restart ? { fullSyncUp: undefined } : {}) },
        },
      });
      const started = Date.now();
      const outcome = await listing("down").catch(fail);
      const other = await upRun;
      if (failure !== undefined) throw failure;
      if (!complete() && (outcome === "paused" || other === "paused")) {
        log.info({ pages: progress.down?.pages }, "full sync paused at a saved cursor");
        return false;
      }
      const newest = maxTimestamp(progress.down?.newest, progress.up?.newest);
      const watermark = maxTimestamp(ctx.state.scope(scope.id).watermark, newest);
      await ctx.emitter.commit({
        scope: {
          id: scope.id,
          patch: {
            fullSync: undefined,
            fullSyncUp: undefined,
            fullSyncDoneAt: new Date(ctx.now()).toISOString(),
            watermark,
          },
        },
      });
      if (watermark)
        ctx.metrics.newestUpdatedAt.set(
          { source: ctx.state.sourceId, scope: scope.id },
          timestampMs(watermark) / 1000,
        );
      const [d, u] = [progress.down, progress.up];
      log.info(
        {
          pages: (d?.pages ?? 0) + (u?.pages ?? 0),
          items: (d?.items ?? 0) + (u?.items ?? 0),
          fromOldest: u?.pages ?? 0,
          ms: Date.now() - started,
        },
        "full sync done",
      );
      return true;
    },
  };
}
