import { ensureTopics, topicNames } from "@lumasnip/schema";
import { createLogger } from "@lumasnip/service";
import { testKafka, uniqueName } from "@lumasnip/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireSourceLock, type SourceLock, SourceLockedError } from "./source-lock.ts";
import { createSourceState } from "./source-state.ts";
import { createStateWriter, type StateWriter } from "./state-writer.ts";

const kafka = testKafka();
const prefix = uniqueName("fetcher-lock");
const topic = topicNames(prefix).fetcherState;
const logger = createLogger({ name: "test", level: "silent" });
let writer: StateWriter;

beforeAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, { prefix, partitions: 1 });
  await admin.disconnect();
  writer = await createStateWriter(kafka, topic);
});
afterAll(async () => {
  await writer.disconnect();
});

const acquire = (sourceId: string, signal: AbortSignal, waitMs?: number) =>
  acquireSourceLock({
    kafka,
    topic,
    groupId: `${prefix}-fetcher-${sourceId}`,
    sourceId,
    logger,
    sessionTimeoutMs: 6000,
    signal,
    waitMs,
  });

describe("the source lock", () => {
  it("loads an empty state, then what the holder wrote, and ignores other sources", async () => {
    const first = (await acquire("acme", new AbortController().signal))!;
    expect(first.loaded.items.size).toBe(0);
    const state = createSourceState("acme");
    state.setItem("1", { k: "live", s: "a", v: 1, u: "2024-01-01T00:00:00.000000Z", a: "x" });
    state.setItem("2", { k: "live", s: "a", v: 1, u: "2024-01-01T00:00:00.000000Z", a: "x" });
    state.updateScope("a", { watermark: "2024-01-01T00:00:00.000000Z" });
    await writer.write(state.drain());
    state.setItem("2", undefined);
    await writer.write(state.drain());
    const other = createSourceState("acme-lab");
    other.setItem("9", { k: "live", s: "b", v: 1, u: "2024-01-01T00:00:00.000000Z", a: "x" });
    await writer.write(other.drain());
    await first.release();

    const again = (await acquire("acme", new AbortController().signal))!;
    expect([...again.loaded.items.keys()]).toEqual(["1"]);
    expect(again.loaded.header?.scopes.a?.watermark).toBe("2024-01-01T00:00:00.000000Z");
    await again.release();
  });

  it("makes a second fetcher of the same source wait, and hands over when the first stops", async () => {
    const holder = (await acquire("beta", new AbortController().signal))!;
    await expect(acquire("beta", new AbortController().signal, 8000)).rejects.toBeInstanceOf(
      SourceLockedError,
    );
    expect(holder.lost.aborted).toBe(false);

    const waiting = acquire("beta", new AbortController().signal);
    await new Promise((r) => setTimeout(r, 3000));
    expect(holder.lost.aborted).toBe(false);
    await holder.release();
    const next = (await waiting) as SourceLock;
    expect(next).toBeDefined();
    await next.release();
  });

  it("stops waiting when asked to", async () => {
    const holder = (await acquire("gamma", new AbortController().signal))!;
    const stop = new AbortController();
    const waiting = acquire("gamma", stop.signal);
    setTimeout(() => stop.abort(), 2000);
    await expect(waiting).resolves.toBeUndefined();
    await holder.release();
  });
});
