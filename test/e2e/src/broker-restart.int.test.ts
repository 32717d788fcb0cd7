import { eventually } from "@lumasnip/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { converge } from "./support/convergence.ts";
import { listKv } from "./support/edge.ts";
import { visibleContents } from "./support/expected.ts";
import { stackHooks, withLogs } from "./support/hooks.ts";
import { type OwnBroker, startOwnBroker } from "./support/own-broker.ts";
import { type Stack, startStack } from "./support/stack.ts";

/**
 * Issue 9 §3: the broker restarts in the middle of a backfill. This file runs its own broker (free
 * ports, temp data dir) because stopping the shared one would break every other test and person
 * using it. The apps run supervised, as in production: one that gives up on Kafka and exits is
 * started again, like systemd or Kubernetes would.
 */
describe("a broker restart in the middle of a backfill", () => {
  let broker: OwnBroker | undefined;
  let stack: Stack | undefined;
  const s = () => stack!;
  stackHooks(() => stack);
  afterAll(async () => {
    await stack?.close();
    stack = undefined;
    await broker?.close();
  });

  beforeAll(async () => {
    broker = await startOwnBroker();
    stack = await startStack({
      brokers: broker.brokers,
      sim: { seed: "demo", scale: 120 },
      supervised: true,
    });
    await withLogs(stack, () => s().startAll());
  }, 180_000);

  it("loses nothing and duplicates nothing at the edge", async () => {
    const total = visibleContents(s().sim).length;
    const published = async () => (await listKv(s().edge, "m:")).length;
    const before = await eventually(
      async () => {
        const n = await published();
        if (n >= total) throw new Error("the backfill ended before the broker could be restarted");
        return n >= 10 ? n : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 100, what: "the backfill to be under way" },
    );
    const stopped = Date.now();
    await broker!.stop();
    await new Promise((r) => setTimeout(r, 3000));
    await broker!.start();
    const downMs = Date.now() - stopped;

    const done = await converge(s(), {
      exact: true,
      timeoutMs: 300_000,
      what: "the edge to mirror the simulator after the restart",
    });
    expect(done.manifests).toBe(total);
    console.log(
      JSON.stringify({
        visible: total,
        publishedBeforeRestart: before,
        brokerDownMs: downMs,
        appRestarts: Object.fromEntries(s().apps.map((a) => [a.name, a.restarts])),
      }),
    );
  });
});
