import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { topicNames } from "@lumasnip/schema";
import { eventually, startOwnBroker } from "@lumasnip/testkit";
import { Kafka, logLevel } from "kafkajs";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./support/harness.ts";

const appDir = fileURLToPath(new URL("..", import.meta.url));

// found by the break-it review: a `run` stopped by SIGTERM while its broker was down logged
// "closing the source failed", then "fetcher stopped: state saved, locks released" and exited 0
describe("run stopped while its broker is down", () => {
  let h: Harness | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    await h?.close();
    h = undefined;
  });

  it("exits 1 and says the state was not saved, not 0 with 'state saved'", async () => {
    // a broker of this test's own: the shared one is never stopped
    const broker = await startOwnBroker();
    const { brokers } = broker;
    cleanup = () => broker.close();

    h = await startHarness({
      sim: { scale: 2500, latencyMs: 20 },
      source: { pageSize: 20, scopeConcurrency: 3 },
    });
    let log = "";
    const child = spawn(process.execPath, ["src/main.ts", "run"], {
      cwd: appDir,
      env: { ...process.env, ...h.env, KAFKA_BROKERS: brokers.join(","), LOG_LEVEL: "info" },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (d: Buffer) => {
      log += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      log += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

    const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
    const content = topicNames(h.prefix).content;
    await eventually(
      async () => {
        await admin.connect();
        const offsets = await admin.fetchTopicOffsets(content).catch(() => []);
        await admin.disconnect();
        return offsets.reduce((n, p) => n + Number(p.high), 0) >= 200 ? true : undefined;
      },
      { timeoutMs: 90_000, what: "the first 200 events" },
    );
    await broker.stop();
    process.kill(-child.pid!, "SIGTERM");
    const code = await exited;

    expect(log).toMatch(/closing the source failed/);
    expect(log).not.toMatch(/state saved, locks released/);
    expect(log).toMatch(/state of these sources could not be saved/);
    expect(code).toBe(1);
  }, 300_000);
});
