import { type Progress, sleep } from "@lumasnip/service";
import type { SourceContext } from "./context.ts";
import { createScopeSync, type ScopeSync } from "./full-sync.ts";
import type { Scope } from "./scopes.ts";

/**
 * The full syncs of a cycle, `scopeConcurrency` listings at a time. A slot takes the next scope;
 * when none is left to start, it joins the scope with the most pages still listing, from its
 * oldest end (full-sync.ts), so the phase is not bound by its largest scope alone — waiting, if
 * need be, until a scope has read enough pages to be worth it.
 */
export async function runFullSyncPhase(
  ctx: SourceContext,
  scopes: readonly Scope[],
  options: { restart: boolean; progress: Progress },
): Promise<PromiseSettledResult<boolean>[]> {
  const results: PromiseSettledResult<boolean>[] = new Array(scopes.length);
  const active = new Set<ScopeSync>();
  let next = 0;
  const waiting: (() => void)[] = [];
  const changed = () => {
    for (const wake of waiting.splice(0)) wake();
  };
  const run = { ...options, active, onPage: changed };
  const slot = async () => {
    for (;;) {
      if (next < scopes.length) {
        const i = next++;
        try {
          results[i] = { status: "fulfilled", value: await fullSyncWithRetries(ctx, scopes[i]!, run) };
        } catch (reason) {
          results[i] = { status: "rejected", reason };
        }
        changed();
        continue;
      }
      let target: ScopeSync | undefined;
      for (const s of active) if (s.canSplit() && (!target || s.pages() > target.pages())) target = s;
      if (target) await target.split();
      else if ([...active].some((s) => s.mayNeedSplit())) await new Promise<void>((r) => waiting.push(r));
      else return;
    }
  };
  // at most two listings per scope, one from each end
  const slots = Math.min(ctx.config.scopeConcurrency, 2 * scopes.length);
  await Promise.all(Array.from({ length: slots }, slot));
  return results;
}

/**
 * A full sync that failed on a retryable LumApps error (the client's own retries used up) goes
 * on from its saved cursors after a pause, twice, before the scope waits for the next cycle.
 */
async function fullSyncWithRetries(
  ctx: SourceContext,
  scope: Scope,
  options: { restart: boolean; progress: Progress; active: Set<ScopeSync>; onPage: () => void },
): Promise<boolean> {
  const { active, ...rest } = options;
  for (let attempt = 1; ; attempt++) {
    const sync = createScopeSync(ctx, scope, { ...rest, restart: options.restart && attempt === 1 });
    active.add(sync);
    try {
      return await sync.run();
    } catch (error) {
      if (attempt >= 3 || !(error as { retryable?: boolean }).retryable || ctx.signal.aborted) throw error;
      ctx.logger.warn(
        { err: error, scope: scope.id, attempt },
        "full sync interrupted: going on from the saved cursor",
      );
      await sleep(1000 * attempt, ctx.signal);
    } finally {
      active.delete(sync);
    }
  }
}
