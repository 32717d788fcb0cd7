import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { topicNames } from "@lumasnip/schema";
import { eventually, repoRoot, waitForKafka } from "@lumasnip/testkit";
import { Kafka, logLevel } from "kafkajs";
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./support/harness.ts";

const appDir = fileURLToPath(new URL("..", import.meta.url));

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

function brokerSh(command: "start" | "stop", env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [join(repoRoot, "scripts/kafka/broker.sh"), command], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "inherit"],
    });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`broker.sh ${command}: ${code}`))));
  });
}

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
    const state = mkdtempSync(join(tmpdir(), "fetcher-own-kafka-"));
    const port = await freePort();
    let cport = await freePort();
    while (cport === port) cport = await freePort();
    const benv = { KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(cport), KAFKA_STATE_DIR: state };
    const brokers = [`127.0.0.1:${port}`];
    cleanup = async () => {
      await brokerSh("stop", benv).catch(() => {});
      rmSync(state, { recursive: true, force: true });
    };
    await brokerSh("start", benv);
    await waitForKafka(brokers, 60_000);

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
    await brokerSh("stop", benv);
    process.kill(-child.pid!, "SIGTERM");
    const code = await exited;

    expect(log).toMatch(/closing the source failed/);
    expect(log).not.toMatch(/state saved, locks released/);
    expect(log).toMatch(/state of these sources could not be saved/);
    expect(code).toBe(1);
  }, 300_000);
});
