import { exampleContentUpserted } from "@lumasnip/schema/examples";
import { createLogger } from "@lumasnip/service";
import { describe, expect, it } from "vitest";
import { AFTER_FAILURE } from "../kafka/protocol.ts";
import { createFetcherMetrics } from "../ops/metrics.ts";
import { createSourceState } from "../state/source-state.ts";
import type { ItemEntry } from "../state/types.ts";
import { type CommitWriter, createEmitter, type Upsert } from "./emitter.ts";

const entry = (v: number): ItemEntry => ({
  k: "live",
  s: "site/page/PAGE_READ",
  v,
  u: "2024-05-01T00:00:00.000000Z",
  a: "fp",
});
const upsert = (id: string, v = 1): Upsert => ({
  id,
  content: { ...exampleContentUpserted.content, id, version: v },
  entry: entry(v),
});

/**
 * A stand-in for the Kafka thread with its contract (emitter.ts CommitWriter): commits settle in
 * the order given; one told to fail fails, and the lane's later ones are refused until a reset.
 */
function writer(fail: Record<number, "events" | "state">) {
  const sent: { n: number; keys: string[]; state: string[]; header: string }[] = [];
  let n = 0;
  let refusing = false;
  let queue: Promise<unknown> = Promise.resolve();
  const w: CommitWriter = {
    commit(input) {
      const me = ++n;
      const run = queue.then(async () => {
        if (refusing) throw Object.assign(new Error("refused"), { name: AFTER_FAILURE });
        if (fail[me] === "events") {
          refusing = true;
          throw new Error("broker down");
        }
        sent.push({
          n: me,
          keys: input.messages.map((m) => m.key),
          state: input.state.map((r) => r.key),
          header: input.state.at(-1)?.value?.toString() ?? "",
        });
        const out = { sent: { sent: input.messages.length, tooLarge: 0 }, ms: 1 };
        if (fail[me] === "state") {
          refusing = true;
          return { ...out, stateError: new Error("state topic down") };
        }
        return out;
      });
      queue = run.catch(() => {});
      return run;
    },
    reset() {
      queue = queue.then(() => {
        refusing = false;
      });
    },
  };
  return { w, sent };
}

function setup(fail: Record<number, "events" | "state">) {
  const state = createSourceState("acme");
  const { w, sent } = writer(fail);
  const emitter = createEmitter({
    sourceId: "acme",
    contentTopic: "content",
    writer: w,
    state,
    metrics: createFetcherMetrics({ defaults: false }),
    logger: createLogger({ name: "test", level: "silent" }),
    replay: "replay",
  });
  return { state, sent, emitter };
}

describe("the emitter's queued commits", () => {
  it("drops the commits staged after one whose events failed, and goes on after it", async () => {
    const { state, sent, emitter } = setup({ 2: "events" });
    const a = emitter.commit({ upserts: [upsert("1")], scope: { id: "a", patch: { watermark: "w1" } } });
    const b = emitter.commit({ upserts: [upsert("2")], scope: { id: "b", patch: { watermark: "w2" } } });
    const c = emitter.commit({ upserts: [upsert("3")], scope: { id: "a", patch: { watermark: "w3" } } });
    // staged as soon as the failure is known, while the commit after it is still under way
    const d = b.catch(() => emitter.commit({ upserts: [upsert("4")] }));
    const results = await Promise.allSettled([a, b, c, d]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
    expect(state.item("1")).toEqual(entry(1));
    expect(state.item("2")).toBeUndefined();
    expect(state.item("3")).toBeUndefined();
    expect(state.item("4")).toEqual(entry(1));
    expect(state.scope("a")).toEqual({ watermark: "w1" });
    expect(state.scope("b")).toEqual({});

    const last = sent.at(-1)!;
    expect(last.keys).toEqual(["acme:4"]);
    expect(last.state).toEqual(["acme/c/4", "acme"]);
    // its header is built on what was saved, not on the commits dropped after the failure
    expect(JSON.parse(last.header).scopes).toEqual({ a: { watermark: "w1" } });
    expect(state.drain()).toEqual([]);
  });

  it("keeps what a commit sent when only its state failed, for the next commit to save", async () => {
    const { state, sent, emitter } = setup({ 1: "state" });
    const results = await Promise.allSettled([
      emitter.commit({ upserts: [upsert("1")], scope: { id: "a", patch: { watermark: "w1" } } }),
      emitter.commit({ upserts: [upsert("2")] }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    // its events went out: the state knows, and says so in the next save
    expect(state.item("1")).toEqual(entry(1));
    expect(state.item("2")).toBeUndefined();
    await emitter.commit({ upserts: [upsert("3")] });
    expect(sent.at(-1)!.state.sort()).toEqual(["acme", "acme/c/1", "acme/c/3"]);
    expect(state.drain()).toEqual([]);
    await emitter.flush();
  });
});
