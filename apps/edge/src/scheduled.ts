import type { Bindings } from "./env.ts";
import { readVars } from "./env.ts";
import { createKvStore } from "./kv/store.ts";
import { collectGarbage } from "./store/pending-deletes.ts";

/**
 * The cron: deletes the snippets of due pending deletes, within one invocation's KV budget. With
 * the cron every minute, no stale key outlives its grace period by more than about a minute.
 */
export async function runScheduled(
  controller: ScheduledController,
  env: Bindings,
): Promise<{ deleted: number; remaining: number }> {
  readVars(env);
  const kv = createKvStore(env.SNIPPETS);
  const result = await collectGarbage(kv, controller.scheduledTime, kv.remaining(10));
  console.log(JSON.stringify({ level: "info", msg: "pending deletes collected", ...result, kvOps: kv.ops }));
  return result;
}
