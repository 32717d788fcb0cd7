import { sleep } from "@lumasnip/service";
import type { SourceConfig } from "../config/load.ts";
import { runCycle } from "./cycle.ts";
import type { ProcessDeps } from "./deps.ts";
import { openSource } from "./open-source.ts";

export interface SourceHealth {
  /** waiting: for the lock; failing: cannot start (LumApps or Kafka refuses), retried with backoff */
  role: "waiting" | "failing" | "active" | "stopped";
  failingSince?: string;
  lastCycleAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
}

/**
 * The long-running life of one source: wait for its lock, then cycle every poll interval until
 * `signal` aborts. A lost lock or a failed start is retried with a capped backoff. Resolves false
 * when the last close could not save the state (Kafka down at SIGTERM): `run` then exits 1
 * rather than claiming a saved state.
 */
export async function runSource(
  deps: ProcessDeps,
  config: SourceConfig,
  signal: AbortSignal,
  health: Map<string, SourceHealth>,
): Promise<boolean> {
  let saved = true;
  const id = config.sourceId;
  const logger = deps.logger.child({ sourceId: id });
  let backoff = 1000;
  while (!signal.aborted) {
    health.set(id, { ...health.get(id), role: "waiting" });
    let open: Awaited<ReturnType<typeof openSource>>;
    try {
      open = await openSource(deps, config, { signal });
    } catch (error) {
      logger.error({ err: error, retryInMs: backoff }, "cannot start the source");
      const before = health.get(id);
      health.set(id, {
        ...before,
        role: "failing",
        failingSince: before?.failingSince ?? new Date().toISOString(),
        lastError: (error as Error).message,
      });
      await sleep(backoff, signal);
      backoff = Math.min(backoff * 2, 60_000);
      continue;
    }
    if (!open) break;
    const { ctx } = open;
    health.set(id, { ...health.get(id), role: "active", failingSince: undefined });
    try {
      while (!ctx.signal.aborted) {
        const started = ctx.now();
        const result = await runCycle(ctx, { reconcile: "auto" });
        const at = new Date().toISOString();
        health.set(id, {
          role: "active",
          lastCycleAt: at,
          lastSuccessAt: result.ok ? at : health.get(id)?.lastSuccessAt,
          ...(result.ok ? {} : { lastError: result.failures[0] }),
        });
        backoff = 1000;
        await sleep(Math.max(0, config.pollIntervalSeconds * 1000 - (ctx.now() - started)), ctx.signal);
      }
    } catch (error) {
      logger.error({ err: error }, "source stopped on an error; starting again");
      health.set(id, { role: "active", ...health.get(id), lastError: (error as Error).message });
    } finally {
      saved = await open.close().then(
        () => true,
        (error) => {
          logger.error({ err: error }, "closing the source failed: its last state was not saved");
          return false;
        },
      );
    }
    if (!signal.aborted) await sleep(backoff, signal);
  }
  health.set(id, { ...health.get(id), role: "stopped" });
  logger.info("source stopped");
  return saved;
}
