import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./corpus.ts";
import { waitForKafka } from "./kafka.ts";

export interface OwnBroker {
  brokers: string[];
  /** a clean stop (SIGTERM, controlled shutdown), data kept */
  stop(): Promise<void>;
  /** starts again on the same ports and data */
  start(): Promise<void>;
  /** stops it and removes its data */
  close(): Promise<void>;
}

function brokerSh(command: "start" | "stop", env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [join(repoRoot, "scripts/kafka/broker.sh"), command], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`broker.sh ${command} failed (${code}):\n${out}`)),
    );
  });
}

/** A TCP port free on 127.0.0.1 at the time of asking. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/**
 * A single-node broker of this test's own, on free ports with its data in a temp dir: the one
 * test that stops a broker must never touch the shared one (other tests and people use it).
 */
export async function startOwnBroker(): Promise<OwnBroker> {
  const state = mkdtempSync(join(tmpdir(), "lumasnip-own-kafka-"));
  const port = await freePort();
  let cport = await freePort();
  while (cport === port) cport = await freePort();
  const env = { KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(cport), KAFKA_STATE_DIR: state };
  const brokers = [`127.0.0.1:${port}`];
  const start = async () => {
    await brokerSh("start", env);
    await waitForKafka(brokers, 60_000);
  };
  await start();
  return {
    brokers,
    start,
    stop: async () => {
      await brokerSh("stop", env);
    },
    async close() {
      await brokerSh("stop", env).catch(() => {});
      rmSync(state, { recursive: true, force: true });
    },
  };
}
