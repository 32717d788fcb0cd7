import { type OwnBroker, startOwnBroker } from "@lumasnip/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { converge } from "./support/convergence.ts";
import { listKv } from "./support/edge.ts";
import { visibleContents } from "./support/expected.ts";
import { stackHooks, withLogs } from "./support/hooks.ts";
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
  // registered first, so it runs last: the stack deletes its topics on this broker before it goes
  afterAll(async () => {
    await broker?.close();
  });
  stackHooks(() => stack);

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
    let before = 0;
    for (const deadline = Date.now() + 120_000; before < 10; ) {
      before = await published();
      if (before >= total) throw new Error("the backfill ended before the broker could be restarted");
      if (Date.now() > deadline) throw new Error(`the backfill did not get going (${before} published)`);
      await new Promise((r) => setTimeout(r, 100));
    }
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
