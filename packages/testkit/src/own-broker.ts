import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./corpus.ts";
import { waitForKafka } from "./kafka.ts";
import { runProcess } from "./process.ts";

export interface OwnBroker {
  brokers: string[];
  /** a clean stop (SIGTERM, controlled shutdown), data kept */
  stop(): Promise<void>;
  /** starts again on the same ports and data */
  start(): Promise<void>;
  /** stops it and removes its data */
  close(): Promise<void>;
}

async function brokerSh(command: "start" | "stop", env: Record<string, string>): Promise<string> {
  const r = await runProcess("bash", [join(repoRoot, "scripts/kafka/broker.sh"), command], {
    cwd: repoRoot,
    env,
  });
  if (r.code !== 0) throw new Error(`broker.sh ${command} failed (${r.code}):\n${r.output}`);
  return r.output;
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
