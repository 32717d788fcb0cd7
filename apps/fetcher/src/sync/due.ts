import { dueByDate } from "../plan/decide.ts";
import type { ItemEntry } from "../state/types.ts";
import { nowTimestamp, type SourceContext } from "./context.ts";
import type { Delete } from "./emitter.ts";
import { prepareItems } from "./items.ts";
import { scopeById } from "./listing.ts";

/** Items fetched one by one per poll cycle at most (due news, renamed labels); the rest wait. */
const MAX_FETCHES_PER_CYCLE = 200;

/**
 * Date- and label-driven work no listing reveals, since none of it changes `updatedAt`: emitted
 * news past its endDate is deleted (expired) with no API call; scheduled news whose
 * publicationDate came, and items carrying a renamed label, are fetched and emitted.
 */
export async function processDue(ctx: SourceContext): Promise<{ expired: number; fetched: number }> {
  const now = nowTimestamp(ctx);
  logRenamed(ctx);
  const { expired, due } = dueByDate(ctx.state.items(), now);
  if (expired.length > 0) {
    const deletes: Delete[] = expired.map((id) => ({
      id,
      reason: "expired",
      lastVersion: ctx.state.item(id)?.v,
    }));
    await ctx.emitter.commit({ deletes });
    ctx.logger.info({ count: expired.length }, "expired news deleted");
  }
  const stale = [...ctx.state.items()].filter(([, e]) => e.r === true).map(([id]) => id);
  const ids = [...due, ...stale].slice(0, MAX_FETCHES_PER_CYCLE);
  for (const id of ids) {
    if (ctx.signal.aborted) break;
    const entry = ctx.state.item(id);
    if (!entry) continue;
    const scope = scopeById(ctx, entry.s);
    const content = await ctx.client.getContent(id);
    if (!content) {
      // gone or hidden: a scheduled entry is dropped, a live one is left to the reconcile
      if (entry.k === "scheduled") await ctx.emitter.commit({ entries: [[id, undefined]] });
      else await ctx.emitter.commit({ entries: [[id, { ...entry, r: undefined } as ItemEntry]] });
      continue;
    }
    const prepared = await prepareItems(ctx, scope, [content], [], { force: new Set([id]) });
    await ctx.emitter.commit(prepared.commit);
  }
  return { expired: expired.length, fetched: ids.length };
}

/** Logs the labels renamed since the last cycle (their carriers were flagged when found). */
function logRenamed(ctx: SourceContext): void {
  const renamed = ctx.labels.takeRenamed();
  if (renamed.length === 0) return;
  const flagged = [...ctx.state.items()].filter(([, e]) => e.r === true).length;
  ctx.logger.info(
    { labels: renamed, flagged },
    "labels renamed: the contents carrying them are emitted again",
  );
}
