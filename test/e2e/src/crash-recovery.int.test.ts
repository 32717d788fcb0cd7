import type { SimContent } from "@lumasnip/lumapps-sim";
import { eventually, topicSize } from "@lumasnip/testkit";
import { beforeAll, describe, expect, it } from "vitest";
import { converge } from "./support/convergence.ts";
import { READER_AUDIENCES, READERS, type SnippetsPage } from "./support/edge.ts";
import { audienceOf, keyOf, languagesOf, mayRead, squash, visibleContents } from "./support/expected.ts";
import { stackHooks, withLogs } from "./support/hooks.ts";
import { groupLag } from "./support/kafka.ts";
import { type Stack, startStack } from "./support/stack.ts";

/**
 * Issue 9 §3: SIGKILL the snippetizer, then the publisher, in the middle of a backfill; then stop
 * the whole pipeline and check the edge keeps answering. The demo seed is scaled so the backfill
 * lasts long enough to be interrupted (the seed's items copied with new ids).
 */
const SCALE = 120;

describe("crashes and a stopped pipeline", () => {
  let stack: Stack | undefined;
  const s = () => stack!;
  stackHooks(() => stack);

  beforeAll(async () => {
    // small fetches and send batches: the snippetizer commits every few contents, so "part-way"
    // is observable (with the default 2 MiB fetches a partition's whole backlog is one batch)
    stack = await startStack({
      sim: { seed: "demo", scale: SCALE },
      env: {
        snippetizer: {
          SNIPPETIZER_SEND_BATCH_MESSAGES: "10",
          SNIPPETIZER_FETCH_BYTES_PER_PARTITION: "65536",
        },
      },
    });
    // the fetcher first: the content topic then holds the whole backfill the consumers work through
    await withLogs(stack, async () => {
      await s().fetcher.start();
      const want = visibleContents(s().sim).length;
      await eventually(
        async () => ((await topicSize(s().kafka, s().topics.content)) >= want ? true : undefined),
        {
          timeoutMs: 120_000,
          intervalMs: 500,
          what: `the fetcher's ${want} items on the content topic`,
        },
      );
    });
  }, 180_000);

  /**
   * Waits until a consumer group has committed part of its topic, and returns what it had done and
   * had left; fails if the group got through everything first (the kill would prove nothing).
   */
  async function midway(group: string, topic: string): Promise<{ done: number; left: number }> {
    const total = await topicSize(s().kafka, topic);
    const deadline = Date.now() + 120_000;
    for (;;) {
      const left = await groupLag(s().kafka, group, topic);
      const done = total - left;
      if (left === 0)
        throw new Error(`${group} finished its backfill of ${total} before it could be interrupted`);
      if (done >= Math.max(5, total / 10)) return { done, left };
      if (Date.now() > deadline)
        throw new Error(`${group} did not get going on ${topic} (${done} of ${total})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it("converges to exactly the simulator's visible content after the snippetizer, then the publisher, were killed mid-backfill", async () => {
    // a killed consumer's partitions move only when its session times out (30 s); the publisher starts
    // on the snippetizer's first output and is killed while the restarted snippetizer waits for that
    await s().snippetizer.start();
    const atKill = await midway(s().groups.snippetizer, s().topics.content);
    await s().snippetizer.kill();
    expect(atKill.left, "work left when the snippetizer was killed").toBeGreaterThan(0);
    const snippetizerBack = s().snippetizer.start({ readyTimeoutMs: 120_000 });

    await s().publisher.start();
    const publisherAtKill = await midway(s().groups.publisher, s().topics.snippets);
    await s().publisher.kill();
    expect(publisherAtKill.left, "work left when the publisher was killed").toBeGreaterThan(0);
    await Promise.all([snippetizerBack, s().publisher.start({ readyTimeoutMs: 120_000 })]);

    const done = await converge(s(), {
      exact: true,
      timeoutMs: 300_000,
      what: "the edge to mirror the scaled seed",
    });
    expect(done.manifests).toBe(visibleContents(s().sim).length);
    console.log(
      JSON.stringify({
        scale: SCALE,
        visible: done.manifests,
        snippets: done.snippets,
        snippetizerKilledAfter: atKill,
        publisherKilledAfter: publisherAtKill,
      }),
    );
  });

  it("keeps answering, stale but correct, while every Node app is stopped, and catches up without a full re-sync", async () => {
    const sample = visibleContents(s().sim)
      .filter((c) => c.type === "page" && languagesOf(c).includes("en"))
      .slice(0, 12);
    const snapshot = async (c: SimContent) =>
      Promise.all(READERS.map((r) => s().edge.get(`/v1/contents/${keyOf(c)}/snippets?lang=en`, r)));
    const before = new Map<string, Awaited<ReturnType<typeof snapshot>>>();
    for (const c of sample) before.set(c.id, await snapshot(c));

    await s().stopAll();
    expect(s().apps.filter((a) => a.running)).toEqual([]);
    const contentBefore = await topicSize(s().kafka, s().topics.content);
    const [edited, deleted] = [sample[0]!, sample[1]!];
    const marker = `Written while the pipeline was down, ${Date.now()}.`;
    s().sim.control.edit(edited.id, { lang: "en", paragraph: marker });
    s().sim.control.delete(deleted.id);

    // the edge serves what it last had, to exactly the readers it served before
    for (const c of sample) {
      const now = await snapshot(c);
      expect(now, `${keyOf(c)} unchanged while the pipeline is down`).toEqual(before.get(c.id));
      READERS.forEach((r, i) => {
        expect(now[i]!.status, `${r} ${keyOf(c)}`).toBe(
          mayRead(READER_AUDIENCES[r], audienceOf(c)) ? 200 : 404,
        );
      });
    }

    await s().startAll();
    await eventually(
      async () => {
        const page = await s().edge.snippets(keyOf(edited), "en");
        return typeof page !== "number" &&
          squash(page.snippets.map((x) => x.text).join(" ")).includes(squash(marker))
          ? true
          : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 500, what: "the edit made while the pipeline was down" },
    );
    await converge(s(), { exact: true, what: "the edge to mirror the simulator after the restart" });
    expect(await s().edge.snippets(keyOf(deleted), "en")).toBe(404);
    // a restart resumes from the saved state: the fetcher emitted the two changes, not the whole seed again
    const emitted = (await topicSize(s().kafka, s().topics.content)) - contentBefore;
    expect(emitted).toBeGreaterThanOrEqual(2);
    expect(emitted).toBeLessThan(10);
    const page = (await s().edge.snippets(keyOf(edited), "en")) as SnippetsPage;
    expect(page.version).toBeGreaterThan((before.get(edited.id)![0]!.body as SnippetsPage).version);
  });
});
