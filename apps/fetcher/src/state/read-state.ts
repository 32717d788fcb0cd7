import { randomBytes } from "node:crypto";
import type { Kafka } from "kafkajs";
import { applyRecord } from "./codec.ts";
import { topicOffsets } from "./offsets.ts";
import type { LoadedState } from "./types.ts";

/**
 * Reads the saved state of these sources without taking their locks (for `state show`): a
 * throw-away consumer group reads the state topic up to its end.
 */
export async function readStates(
  kafka: Kafka,
  topic: string,
  sourceIds: readonly string[],
  options: { groupPrefix: string; timeoutMs?: number } = { groupPrefix: "lumasnip" },
): Promise<Map<string, LoadedState>> {
  const states = new Map(sourceIds.map((id) => [id, { header: undefined, items: new Map() } as LoadedState]));
  const offsets = await topicOffsets(kafka, topic);
  const targets = new Map(
    offsets.filter((p) => p.high !== p.low).map((p) => [p.partition, Number(p.high) - 1]),
  );
  if (targets.size === 0) return states;
  const groupId = `${options.groupPrefix}-state-reader-${randomBytes(6).toString("hex")}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
  const reached = new Set<number>();
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const m of batch.messages) {
          const key = m.key?.toString("utf8");
          if (key === undefined) continue;
          for (const [id, state] of states) applyRecord(id, state, key, m.value);
          if (Number(m.offset) >= (targets.get(batch.partition) ?? Number.POSITIVE_INFINITY))
            reached.add(batch.partition);
        }
        if ([...targets.keys()].every((p) => reached.has(p))) finish();
      },
    });
    const timeout = options.timeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      done,
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the state topic ${topic} was not read to its end within ${timeout} ms`)),
          timeout,
        );
      }),
    ]).finally(() => clearTimeout(timer));
    return states;
  } finally {
    await consumer.disconnect();
    // a throw-away group: leave nothing behind on the cluster
    const admin = kafka.admin();
    await admin
      .connect()
      .then(() => admin.deleteGroups([groupId]))
      .catch(() => {})
      .finally(() => admin.disconnect());
  }
}

/** What `state show` prints of one source. */
export function describeState(
  sourceId: string,
  state: LoadedState,
  configuredScopes: readonly string[],
  withItems: boolean,
) {
  let live = 0;
  let scheduled = 0;
  let rejected = 0;
  let flagged = 0;
  const perScope: Record<string, number> = {};
  for (const [, e] of state.items) {
    if (e.k === "live") live++;
    else if (e.k === "scheduled") scheduled++;
    else rejected++;
    if (e.r) flagged++;
    perScope[e.s] = (perScope[e.s] ?? 0) + (e.k === "live" ? 1 : 0);
  }
  const scopes = state.header?.scopes ?? {};
  const known = new Set([...Object.keys(scopes), ...Object.keys(perScope)]);
  return {
    sourceId,
    savedAt: state.header?.savedAt ?? null,
    items: { live, scheduled, rejected, flaggedForReemission: flagged },
    scopes: Object.fromEntries(
      [...known].sort().map((id) => {
        const s = scopes[id] ?? {};
        return [
          id,
          {
            live: perScope[id] ?? 0,
            watermark: s.watermark ?? null,
            fullSync: s.fullSync
              ? {
                  ...s.fullSync,
                  cursor: s.fullSync.cursor ? "(saved)" : null,
                  ...(s.fullSyncUp
                    ? { fromOldest: { ...s.fullSyncUp, cursor: s.fullSyncUp.cursor ? "(saved)" : null } }
                    : {}),
                }
              : s.fullSyncDoneAt
                ? "done"
                : "not started",
            fullSyncDoneAt: s.fullSyncDoneAt ?? null,
            lastPollAt: s.lastPollAt ?? null,
            lastReconcileAt: s.lastReconcileAt ?? null,
            configured: configuredScopes.length === 0 ? null : configuredScopes.includes(id),
          },
        ];
      }),
    ),
    labels: Object.keys(state.header?.labels ?? {}).length,
    ...(withItems ? { entries: Object.fromEntries(state.items) } : {}),
  };
}
