import type { ContentUpserted, DlqRecord } from "@lumasnip/schema";
import { eventually, readTopic } from "@lumasnip/testkit";
import { beforeAll, describe, expect, it } from "vitest";
import { converge } from "./support/convergence.ts";
import type { SnippetsPage } from "./support/edge.ts";
import { keyOf, languagesOf, squash, visibleContents } from "./support/expected.ts";
import { stackHooks, withLogs } from "./support/hooks.ts";
import { produceRaw } from "./support/kafka.ts";
import { runScript } from "./support/scripts.ts";
import { type Stack, startStack } from "./support/stack.ts";

/**
 * Issue 9 §3: poison input lands in the DLQ with its reason while the rest flows, and is replayed
 * after the fix. Two poisons: snippet sets over the topic's message limit (the snippetizer runs
 * with the smallest limit it accepts, 64 KiB, so the demo seed's biggest pages do not fit; the fix
 * is the right limit), and an invalid event written straight to the content topic.
 */
const SMALL_LIMIT = String(64 * 1024);

describe("poison input and the DLQ", () => {
  let stack: Stack | undefined;
  const s = () => stack!;
  const dlq = async () =>
    (await readTopic(s().kafka, s().topics.dlq)).map((m) => JSON.parse(m.value ?? "{}") as DlqRecord);
  let tooLarge = new Set<string>();
  stackHooks(() => stack);

  beforeAll(async () => {
    stack = await startStack({ env: { snippetizer: { SNIPPETIZER_MAX_MESSAGE_BYTES: SMALL_LIMIT } } });
    await withLogs(stack, () => s().startAll());
  }, 180_000);

  it("parks the snippet sets over the message limit in the DLQ with their sizes, and publishes the rest", async () => {
    const visible = new Set(visibleContents(s().sim).map(keyOf));
    // once the edge holds everything else, the DLQ holds the rest: the two must add up
    const records = await eventually(
      async () => {
        const r = (await dlq()).filter((x) => x.reason === "too_large");
        if (r.length === 0) return undefined;
        tooLarge = new Set(r.map((x) => x.key!));
        await converge(s(), { exclude: tooLarge, timeoutMs: 1000 });
        return r;
      },
      {
        timeoutMs: 180_000,
        intervalMs: 1000,
        what: "the DLQ and the edge to account for every visible content",
      },
    );
    expect(tooLarge.size).toBeGreaterThanOrEqual(3);
    expect(tooLarge.size).toBeLessThan(visible.size / 2);
    for (const r of records) {
      expect(visible.has(r.key!), `${r.key} is a visible content`).toBe(true);
      expect(r).toMatchObject({ stage: "snippetizer", sourceId: "sim", contentId: r.key!.split(":")[1] });
      expect(r.size!.bytes).toBeGreaterThan(r.size!.limit);
      expect(r.error).toMatch(/max\.message\.bytes/);
    }
    for (const key of tooLarge) expect(await s().edge.manifest(key)).toBe(404);
    const sizes = records.map((r) => r.size!.bytes).sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        visible: visible.size,
        tooLarge: tooLarge.size,
        limit: records[0]!.size!.limit,
        sizes,
      }),
    );
  });

  it("parks an invalid event written straight to the content topic, keeps serving the content, and lets its next change through", async () => {
    const target = visibleContents(s().sim).find(
      (c) => c.type === "news" && languagesOf(c).includes("en") && !tooLarge.has(keyOf(c)),
    )!;
    const key = keyOf(target);
    const served = (await s().edge.manifest(key)) as { sourceVersion: number };
    const [last] = (await readTopic(s().kafka, s().topics.content))
      .filter((m) => m.key === key)
      .map((m) => JSON.parse(m.value!) as ContentUpserted)
      .slice(-1);
    // a LumApps language code that escaped the mapping: the contract says BCP 47
    const poison = JSON.stringify({ ...last, content: { ...last!.content, languages: ["en_US"] } });
    const at = await produceRaw(s().kafka, s().topics.content, key, poison);

    const record = await eventually(
      async () => (await dlq()).find((r) => r.reason === "invalid_event" && r.key === key),
      { timeoutMs: 60_000, intervalMs: 500, what: "the invalid event in the DLQ" },
    );
    expect(record).toMatchObject({
      stage: "snippetizer",
      key,
      original: { topic: s().topics.content, partition: at.partition, offset: at.offset },
      payload: poison,
    });
    expect(record.error).toMatch(/languages/);
    expect(record.replay).toContain(
      `--group ${s().groups.snippetizer} --topic ${s().topics.content}:${at.partition}`,
    );
    expect(record.replay).toContain(`--to-offset ${at.offset}`);
    expect(((await s().edge.manifest(key)) as { sourceVersion: number }).sourceVersion).toBe(
      served.sourceVersion,
    );

    const marker = `After the poison, ${Date.now()}.`;
    s().sim.control.edit(target.id, { paragraph: marker });
    await eventually(
      async () => {
        const page = (await s().edge.snippets(key, "en")) as SnippetsPage;
        return squash(page.snippets.map((x) => x.text).join(" ")).includes(squash(marker)) ? true : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: "the change after the poison at the edge" },
    );
  });

  it("replays after the fix with the documented commands: pnpm dlq replay for the invalid event, pnpm reprocess for the big sets", async () => {
    const env = { KAFKA_BROKERS: s().brokers.join(","), LUMASNIP_TOPIC_PREFIX: s().prefix };
    const invalid = (await dlq()).find((r) => r.reason === "invalid_event")!;

    // the fix: the topic's real limit. Both commands need the stage stopped (Kafka refuses to move a live group)
    await s().snippetizer.stop();
    const replay = await runScript(
      "dlq.ts",
      ["replay", "--stage", "snippetizer", "--group", s().groups.snippetizer, "--key", invalid.key!],
      env,
    );
    expect(replay.code, replay.stderr).toBe(0);
    expect(JSON.parse(replay.stdout.trim().split("\n")[0]!)).toMatchObject({
      group: s().groups.snippetizer,
      topic: invalid.original!.topic,
      partitions: [{ partition: invalid.original!.partition, offset: invalid.original!.offset }],
    });
    await s().snippetizer.start({ env: { SNIPPETIZER_MAX_MESSAGE_BYTES: "" } });
    // the stage re-reads from exactly the parked offset: the event, still invalid, is parked again
    const again = await eventually(
      async () => {
        const r = (await dlq()).filter((x) => x.reason === "invalid_event");
        return r.length >= 2 ? r : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: "the replayed poison (still invalid) back in the DLQ" },
    );
    expect(again.map((r) => r.original)).toEqual([invalid.original, invalid.original]);

    // too_large records name no input position: their replay is a reprocess of the compacted
    // content topic; unchanged contents come out with the same hash and are skipped downstream
    await s().snippetizer.stop();
    const reprocess = await runScript(
      "reprocess.ts",
      ["--stage", "snippetizer", "--group", s().groups.snippetizer],
      env,
    );
    expect(reprocess.code, reprocess.stderr).toBe(0);
    await s().snippetizer.start();
    await converge(s(), { exact: true, what: "the big contents at the edge after the fix" });
    expect((await dlq()).filter((r) => r.reason === "too_large").length).toBe(tooLarge.size);
  });
});
