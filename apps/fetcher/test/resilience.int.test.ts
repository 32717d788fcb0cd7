import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { topicNames } from "@lumasnip/schema";
import { eventually, testKafka, topicSize } from "@lumasnip/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { countByKey, type Harness, startHarness } from "./support/harness.ts";

const appDir = fileURLToPath(new URL("..", import.meta.url));
const kafka = testKafka();

describe("resilience", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("resumes a full sync killed with SIGKILL: every item arrives, duplicates stay within one page", async () => {
    const pageSize = 20;
    h = await startHarness({
      sim: { scale: 3000, latencyMs: 20 },
      source: { pageSize, scopeConcurrency: 3 },
    });
    const child = spawn(process.execPath, ["src/main.ts", "sync", "--once"], {
      cwd: appDir,
      env: { ...process.env, ...h.env, LOG_LEVEL: "warn" },
      detached: true,
      stdio: ["ignore", "ignore", "inherit"],
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const topic = topicNames(h.prefix).content;
    await eventually(async () => ((await topicSize(kafka, topic).catch(() => 0)) >= 400 ? true : undefined), {
      timeoutMs: 60_000,
      what: "the first 400 events",
    });
    process.kill(-child.pid!, "SIGKILL");
    expect(await exited).toBeNull();
    const beforeRestart = await h.upserts();
    const visible = h.visible();
    expect(beforeRestart.length).toBeLessThan(visible.length);

    h.sim.control.resetCounters();
    expect((await h.cli(["sync", "--once"])).code).toBe(0);
    const upserts = await h.upserts();
    expect(new Set(upserts.map((u) => u.content.id))).toEqual(new Set(visible.map((c) => c.id)));
    const duplicates = [...countByKey(upserts).values()].reduce((n, c) => n + c - 1, 0);
    expect(duplicates).toBeLessThanOrEqual(pageSize);
    // it went on from the saved cursors rather than listing everything again
    const pagesAfter = h.sim.control.counters().requests["content/list"] ?? 0;
    expect(pagesAfter).toBeLessThan(Math.ceil(h.sim.control.contents().length / pageSize));
  }, 180_000);

  it("completes a full sync through 20 % 5xx, 10 % 429 with Retry-After and a short token lifetime", async () => {
    const ttl = 2;
    h = await startHarness({
      sim: { scale: 1200, tokenTtlSeconds: ttl, latencyMs: 5 },
      source: { pageSize: 20 },
    });
    h.sim.control.addFault({ route: "*", kind: "server-error", rate: 0.2, status: 503 });
    h.sim.control.addFault({ route: "*", kind: "rate-limit", rate: 0.1, retryAfter: 1 });
    const started = Date.now();
    let runs = 0;
    let code = -1;
    while (code !== 0 && runs < 4) {
      runs++;
      code = (await h.cli(["sync", "--once"])).code;
    }
    const seconds = (Date.now() - started) / 1000;
    expect(code).toBe(0);
    const upserts = await h.upserts();
    expect(new Set(upserts.map((u) => u.content.id))).toEqual(new Set(h.visible().map((c) => c.id)));
    expect([...countByKey(upserts).values()].every((n) => n === 1)).toBe(true);
    const counters = h.sim.control.counters();
    expect(counters.statuses["content/list"]?.["503"]).toBeGreaterThan(0);
    expect(counters.statuses["content/list"]?.["429"]).toBeGreaterThan(0);
    // a token lives 2 s and is renewed 0.2 s early: one mint per 1.8 s, plus one per run
    const bound = Math.ceil(seconds / (ttl * 0.9)) + runs + 2;
    expect(counters.tokensMinted).toBeGreaterThan(1);
    expect(counters.tokensMinted).toBeLessThanOrEqual(bound);
  }, 240_000);
});
