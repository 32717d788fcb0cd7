import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type RunningSimulator,
  type SimContent,
  type SimulatorOptions,
  simulatorConnection,
  startSimulator,
} from "@lumasnip/lumapps-sim";
import {
  type ContentDeleted,
  type ContentEvent,
  type ContentUpserted,
  contentAudience,
  type DlqRecord,
  topicNames,
} from "@lumasnip/schema";
import { createLogger } from "@lumasnip/service";
import { testBrokers, testKafka, uniqueName } from "@lumasnip/testkit";
import { type CliIo, runCli } from "../../src/cli/commands.ts";
import { createFetcherMetrics, type FetcherMetrics } from "../../src/ops/metrics.ts";
import { readTopic } from "./topics.ts";

export const PLATFORM = "https://intranet.example.com";

export interface Harness {
  sim: RunningSimulator;
  prefix: string;
  configFile: string;
  env: NodeJS.ProcessEnv;
  metrics: FetcherMetrics;
  /** runs one CLI command in this process; resolves its exit code and what it printed */
  cli(argv: string[], options?: { signal?: AbortSignal }): Promise<{ code: number; out: string }>;
  events(): Promise<ContentEvent[]>;
  /** the content events not returned by an earlier call (by partition and offset) */
  fresh(): Promise<ContentEvent[]>;
  upserts(): Promise<ContentUpserted[]>;
  deletes(): Promise<ContentDeleted[]>;
  dlq(): Promise<DlqRecord[]>;
  /** what the service user may see now, of the configured types */
  visible(): SimContent[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  sim?: SimulatorOptions;
  /** settings of the one source, over the defaults below */
  source?: Record<string, unknown>;
  sessionTimeoutMs?: number;
  logLevel?: string;
}

const kafka = testKafka();
process.env.KAFKAJS_NO_PARTITIONER_WARNING = "1";

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = await startSimulator({ seed: "demo", ...options.sim });
  const prefix = uniqueName("fetcher");
  const dir = mkdtempSync(join(tmpdir(), "fetcher-test-"));
  const configFile = join(dir, "fetcher.json");
  const source = {
    sourceId: "sim",
    lumapps: { ...simulatorConnection(sim), platformAddress: PLATFORM },
    sites: "all",
    contentTypes: [
      { type: "page", action: "PAGE_READ" },
      { type: "news", action: "NEWS_READ" },
    ],
    pollIntervalSeconds: 1,
    overlapSeconds: 60,
    requestsPerSecond: 0,
    ...options.source,
  };
  writeFileSync(
    configFile,
    JSON.stringify({
      topicPrefix: prefix,
      ops: { port: 0 },
      lock: { sessionTimeoutMs: options.sessionTimeoutMs ?? 6000 },
      sources: [source],
    }),
  );
  const env: NodeJS.ProcessEnv = {
    KAFKA_BROKERS: testBrokers().join(","),
    KAFKAJS_NO_PARTITIONER_WARNING: "1",
    FETCHER_CONFIG: configFile,
    LUMAPPS_APPLICATION_SECRET: sim.app.secret,
    LOG_LEVEL: options.logLevel ?? "error",
  };
  const metrics = createFetcherMetrics({ defaults: false });
  const logger = createLogger({ name: "fetcher-test", level: options.logLevel ?? "error" });
  const topics = topicNames(prefix);
  const events = async () => (await readTopic(kafka, topics.content)).map((m) => m.value as ContentEvent);
  const seen = new Set<string>();
  return {
    sim,
    prefix,
    configFile,
    env,
    metrics,
    async cli(argv, opts = {}) {
      let out = "";
      const io: CliIo = {
        env,
        logger,
        signal: opts.signal ?? new AbortController().signal,
        stdout: (t) => {
          out += `${t}\n`;
        },
        stderr: (t) => {
          out += `${t}\n`;
        },
        metrics,
      };
      const code = await runCli(argv, io);
      return { code, out };
    },
    events,
    async fresh() {
      const out: ContentEvent[] = [];
      for (const m of await readTopic(kafka, topics.content)) {
        const at = `${m.partition}:${m.offset}`;
        if (seen.has(at)) continue;
        seen.add(at);
        out.push(m.value as ContentEvent);
      }
      return out;
    },
    upserts: async () => (await events()).filter((e): e is ContentUpserted => e.kind === "content.upserted"),
    deletes: async () => (await events()).filter((e): e is ContentDeleted => e.kind === "content.deleted"),
    dlq: async () => (await readTopic(kafka, topics.dlq)).map((m) => m.value as DlqRecord),
    visible() {
      const now = sim.control.now().getTime();
      const user = sim.serviceUser;
      const types = (source.contentTypes as { type: string }[]).map((t) => t.type);
      return sim.control.contents().filter((c) => {
        if (c.status !== "LIVE" || !types.includes(c.type)) return false;
        if (c.feedKeys.length > 0 && !c.feedKeys.some((k) => user.groups.includes(k))) return false;
        const end = c.endDate ? Date.parse(`${String(c.endDate).slice(0, 23)}Z`) : undefined;
        const pub = c.publicationDate ? Date.parse(`${String(c.publicationDate).slice(0, 23)}Z`) : undefined;
        if (end !== undefined && end <= now) return false;
        if (pub !== undefined && pub > now) return false;
        return true;
      });
    },
    close: () => sim.close(),
  };
}

/** The audience the fetcher must give a content (the default policy: empty = everyone). */
export const expectedAudience = (c: SimContent) => contentAudience(c.feedKeys, "everyone");

/** Counts per key: a key seen twice is a duplicate. */
export function countByKey<T extends { key: string }>(events: T[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of events) m.set(e.key, (m.get(e.key) ?? 0) + 1);
  return m;
}
