import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type RunningSimulator,
  type SimulatorOptions,
  simulatorConnection,
  startSimulator,
} from "@lumasnip/lumapps-sim";
import { ensureTopics, type TopicNames, topicNames } from "@lumasnip/schema";
import { freePort, testBrokers, uniqueName } from "@lumasnip/testkit";
import { Kafka, logLevel } from "kafkajs";
import { type App, createApp } from "./apps.ts";
import { startTestEdge, type TestEdge } from "./edge.ts";
import { SOURCE_ID } from "./expected.ts";

export interface StackOptions {
  sim?: SimulatorOptions;
  /** fetcher source settings over the defaults below */
  source?: Record<string, unknown>;
  /** brokers of this stack (default: KAFKA_BROKERS) */
  brokers?: string[];
  /** partitions of the content and snippet topics (default 3: several, on a 2-core machine) */
  partitions?: number;
  /** apps started again when they exit on their own, as a supervisor would */
  supervised?: boolean;
  /** extra environment of each app */
  env?: Partial<Record<"fetcher" | "snippetizer" | "publisher", Record<string, string>>>;
}

export interface Stack {
  sim: RunningSimulator;
  edge: TestEdge;
  prefix: string;
  topics: TopicNames;
  brokers: string[];
  kafka: Kafka;
  dir: string;
  fetcher: App;
  snippetizer: App;
  publisher: App;
  apps: App[];
  groups: { snippetizer: string; publisher: string };
  /** starts the three apps, consumers first so nothing waits on the fetcher's first cycle */
  startAll(): Promise<void>;
  stopAll(): Promise<void>;
  /** the tails of every app's log, for a failing test's output */
  logs(lines?: number): string;
  /** stops everything and deletes the topics and groups; `keepLogs` leaves the temp dir for a post-mortem */
  close(options?: { keepLogs?: boolean }): Promise<void>;
}

export function stackKafka(brokers: string[]): Kafka {
  return new Kafka({
    clientId: uniqueName("e2e"),
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5000 },
  });
}

/**
 * The whole pipeline for one test file: the simulator (in process), the edge worker in Miniflare
 * with local KV and a key per audience, the topics under a prefix of its own, and the fetcher,
 * snippetizer and publisher as real child processes (created, not yet started).
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const brokers = options.brokers ?? testBrokers();
  const prefix = uniqueName("e2e");
  const topics = topicNames(prefix);
  const dir = mkdtempSync(join(tmpdir(), "lumasnip-e2e-"));
  const logDir = join(dir, "logs");
  mkdirSync(logDir, { recursive: true });
  const kafka = stackKafka(brokers);
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, { prefix, partitions: options.partitions ?? 3 }).finally(() =>
    admin.disconnect(),
  );

  const sim = await startSimulator({ seed: "demo", ...options.sim });
  const edge = await startTestEdge();
  const ports = { fetcher: await freePort(), snippetizer: await freePort(), publisher: await freePort() };
  const groups = { snippetizer: `${prefix}-snippetizer`, publisher: `${prefix}-edge-publisher` };

  const configFile = join(dir, "fetcher.json");
  writeFileSync(
    configFile,
    JSON.stringify(
      {
        topicPrefix: prefix,
        ops: { port: ports.fetcher, host: "127.0.0.1" },
        // a killed fetcher's lock frees sooner (the minimum); the tests never run two at once
        lock: { sessionTimeoutMs: 6000 },
        sources: [
          {
            sourceId: SOURCE_ID,
            lumapps: { ...simulatorConnection(sim), platformAddress: "https://intranet.example.com" },
            sites: "all",
            contentTypes: [
              { type: "page", action: "PAGE_READ" },
              { type: "news", action: "NEWS_READ" },
            ],
            pollIntervalSeconds: 1,
            reconcileIntervalSeconds: 10,
            requestsPerSecond: 0,
            // the demo seed's scopes are small: let a test delete a few items of one scope per round
            massDelete: { maxShare: 0.5, alwaysAllow: 5 },
            ...options.source,
          },
        ],
      },
      null,
      2,
    ),
  );

  const common: Record<string, string> = {
    KAFKA_BROKERS: brokers.join(","),
    LUMASNIP_TOPIC_PREFIX: prefix,
    KAFKAJS_NO_PARTITIONER_WARNING: "1",
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "info",
  };
  const health = (port: number) => `http://127.0.0.1:${port}/healthz`;
  const restartOnExit = options.supervised ?? false;
  const fetcher = createApp(
    {
      name: "fetcher",
      dir: "apps/fetcher",
      args: ["run", "--config", configFile],
      env: { ...common, LUMAPPS_APPLICATION_SECRET: sim.app.secret, ...options.env?.fetcher },
      healthUrl: health(ports.fetcher),
      restartOnExit,
    },
    logDir,
  );
  const snippetizer = createApp(
    {
      name: "snippetizer",
      dir: "apps/snippetizer",
      args: ["run"],
      env: {
        ...common,
        SNIPPETIZER_OPS_PORT: String(ports.snippetizer),
        SNIPPETIZER_GROUP_ID: groups.snippetizer,
        ...options.env?.snippetizer,
      },
      healthUrl: health(ports.snippetizer),
      restartOnExit,
    },
    logDir,
  );
  const publisher = createApp(
    {
      name: "publisher",
      dir: "apps/snippetizer",
      args: ["publish"],
      env: {
        ...common,
        PUBLISHER_EDGE_URL: edge.url,
        PUBLISHER_EDGE_KEY: edge.keys.write,
        PUBLISHER_OPS_PORT: String(ports.publisher),
        PUBLISHER_GROUP_ID: groups.publisher,
        PUBLISHER_BACKOFF_INITIAL_MS: "100",
        PUBLISHER_OUTAGE_CHECK_MS: "500",
        ...options.env?.publisher,
      },
      healthUrl: health(ports.publisher),
      restartOnExit,
    },
    logDir,
  );
  const apps = [fetcher, snippetizer, publisher];

  return {
    sim,
    edge,
    prefix,
    topics,
    brokers,
    kafka,
    dir,
    fetcher,
    snippetizer,
    publisher,
    apps,
    groups,
    async startAll() {
      await Promise.all([snippetizer.start(), publisher.start()]);
      await fetcher.start();
    },
    async stopAll() {
      await Promise.all(apps.map((a) => a.stop()));
    },
    logs(lines = 30) {
      return apps.map((a) => `----- ${a.name} (${a.logFile}) -----\n${a.tail(lines)}`).join("\n");
    },
    async close({ keepLogs = false } = {}) {
      await Promise.all(apps.map((a) => a.kill()));
      await Promise.allSettled([sim.close(), edge.close()]);
      if (!keepLogs) rmSync(dir, { recursive: true, force: true });
      const cleanup = kafka.admin();
      try {
        await cleanup.connect();
        await cleanup.deleteTopics({ topics: Object.values(topics), timeout: 10_000 });
        // the stages' groups and the fetcher's lock and state-reader groups all carry the prefix
        const { groups: all } = await cleanup.listGroups();
        const ours = all.map((g) => g.groupId).filter((g) => g.includes(prefix));
        if (ours.length > 0) await cleanup.deleteGroups(ours).catch(() => {});
      } catch {
        // a test that stopped its own broker has nothing left to clean
      } finally {
        await cleanup.disconnect().catch(() => {});
      }
    },
  };
}
