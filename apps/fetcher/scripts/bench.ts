/**
 * Fetcher benchmarks (docs/benchmarks.md "## Fetcher"); not a test. Needs KAFKA_BROKERS.
 *   pnpm --filter @lumasnip/fetcher bench            # BENCH_RUNS=3 by default
 * 1. LumApps calls per incremental poll with k changed items vs the bound ⌈k/100⌉+1 per scope.
 * 2. A full sync of 10,000 items with 50 ms latency per call vs pages × latency ÷ scope
 *    concurrency (the fetcher runs as its own process; its peak RSS is read from /proc, its CPU
 *    time over the phase from its own log line).
 * BENCH_PARTS=poll,full (default both); BENCH_SEEDS=fixture,demo (default both); FETCHER_NODE_ARGS
 * is passed to the fetcher's node (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"); FETCHER_APP_DIR runs
 * the fetcher of another checkout (an earlier commit, for before/after figures).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "@lumasnip/lumapps-sim";
import { createLogger } from "@lumasnip/service";
import { uniqueName } from "@lumasnip/testkit";
import { runCli } from "../src/cli/commands.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PARTS = (process.env.BENCH_PARTS ?? "poll,full").split(",");
const SEEDS = (process.env.BENCH_SEEDS ?? "fixture,demo").split(",");
const NODE_ARGS = (process.env.FETCHER_NODE_ARGS ?? "").split(" ").filter(Boolean);
// FETCHER_APP_DIR: run another checkout's fetcher against the same simulator (before/after runs)
const appDir = process.env.FETCHER_APP_DIR ?? fileURLToPath(new URL("..", import.meta.url));
process.env.KAFKAJS_NO_PARTITIONER_WARNING = "1";
if (!process.env.KAFKA_BROKERS) throw new Error("KAFKA_BROKERS is not set (e.g. 127.0.0.1:9092)");

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface Setup {
  sim: RunningSimulator;
  env: NodeJS.ProcessEnv;
}

async function setup(sim: SimulatorOptions, source: Record<string, unknown>): Promise<Setup> {
  const s = await startSimulator(sim);
  const dir = mkdtempSync(join(tmpdir(), "fetcher-bench-"));
  const file = join(dir, "fetcher.json");
  writeFileSync(
    file,
    JSON.stringify({
      topicPrefix: uniqueName("bench"),
      ops: { port: 0 },
      lock: { sessionTimeoutMs: 6000 },
      sources: [
        {
          sourceId: "bench",
          lumapps: {
            organizationId: s.org,
            applicationId: s.app.applicationId,
            authorizedUserId: s.serviceUser.id,
            cell: s.url,
            platformAddress: "https://intranet.example.com",
          },
          requestsPerSecond: 0,
          ...source,
        },
      ],
    }),
  );
  return {
    sim: s,
    env: {
      ...process.env,
      FETCHER_CONFIG: file,
      LUMAPPS_APPLICATION_SECRET: s.app.secret,
      LOG_LEVEL: "warn",
    },
  };
}

const logger = createLogger({ name: "bench", level: "warn" });
async function cli(env: NodeJS.ProcessEnv, argv: string[]): Promise<number> {
  return runCli(argv, {
    env,
    logger,
    signal: new AbortController().signal,
    stdout: () => {},
    stderr: console.error,
  });
}

/** LIVE items per scope (pages are cut before rights are applied: readers' filtering does not change them). */
function scopeSizes(sim: RunningSimulator, types: string[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const site of sim.control.instances()) for (const t of types) sizes.set(`${site.id}/${t}`, 0);
  for (const c of sim.control.contents()) {
    const key = `${c.instance}/${c.type}`;
    if (c.status === "LIVE" && sizes.has(key)) sizes.set(key, sizes.get(key)! + 1);
  }
  return sizes;
}

async function pollBench() {
  const ks = [0, 1, 50, 99, 100, 101, 250, 1000];
  const s = await setup({ seed: "demo", scale: 5000 }, { overlapSeconds: 0, pageSize: 100 });
  if ((await cli(s.env, ["sync", "--once"])) !== 0) throw new Error("the first full sync failed");
  const sizes = scopeSizes(s.sim, ["page", "news"]);
  const [bigScope] = [...sizes.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const rows: string[] = [];
  for (const k of ks) {
    const calls: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const candidates = s.sim.control
        .contents()
        .filter((c) => `${c.instance}/${c.type}` === bigScope && c.status === "LIVE");
      for (const c of candidates.slice(0, k)) s.sim.control.edit(c.id, { paragraph: `bench ${k}/${run}` });
      s.sim.control.resetCounters();
      if ((await cli(s.env, ["sync", "--once"])) !== 0) throw new Error("a poll failed");
      calls.push(s.sim.control.counters().requests["content/list"] ?? 0);
    }
    const bound = Math.ceil(k / 100) + 1 + (sizes.size - 1);
    const m = median(calls);
    rows.push(`| ${k} | ${m} | ${bound} | ${m <= bound ? "yes" : "**no**"} |`);
    console.log(`poll k=${k}: content/list calls ${calls.join(",")} (bound ${bound})`);
  }
  await s.sim.close();
  return { rows, scopes: sizes.size, bigScope, bigSize: sizes.get(bigScope) };
}

async function fullSyncRun(seed: "demo" | "fixture", items: number, latencyMs: number, concurrency: number) {
  const s = await setup({ seed, scale: items, latencyMs }, { scopeConcurrency: concurrency, pageSize: 100 });
  const sizes = scopeSizes(s.sim, ["page", "news"]);
  const pagesPer = [...sizes.values()].map((n) => Math.max(1, Math.ceil(n / 100)));
  const pages = pagesPer.reduce((a, b) => a + b, 0);
  const bound = (pages * latencyMs) / Math.min(concurrency, sizes.size);
  const critical = Math.max(...pagesPer) * latencyMs;
  // the simulator serves from this process: its CPU time shows what the served pages cost it
  const simCpu = process.cpuUsage();
  const child = spawn(process.execPath, [...NODE_ARGS, "src/main.ts", "sync", "--once"], {
    cwd: appDir,
    env: { ...s.env, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  let peakKb = 0;
  const sampler = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch {}
  }, 50);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearInterval(sampler);
  const simCpuUsed = process.cpuUsage(simCpu);
  const simCpuMs = Math.round((simCpuUsed.user + simCpuUsed.system) / 1000);
  if (code !== 0) throw new Error(`full sync exited ${code}`);
  const cycle = out
    .split("\n")
    .filter((l) => l.includes('"msg":"full sync phase done"'))
    .map((l) => JSON.parse(l) as { ms: number; cpuMs: number; commitMs?: number; listMs?: number })[0];
  const listCalls = s.sim.control.counters().requests["content/list"] ?? 0;
  await s.sim.close();
  const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  const live = [...sizes.values()].reduce((a, b) => a + b, 0);
  return {
    ms: cycle!.ms,
    cpuMs: cycle!.cpuMs,
    commitMs: cycle!.commitMs,
    listMs: cycle!.listMs,
    simCpuMs,
    live,
    load,
    pages,
    listCalls,
    bound,
    critical,
    peakMb: peakKb / 1024,
    scopes: sizes.size,
  };
}

async function fullSyncBench() {
  const rows: string[] = [];
  for (const [seed, label] of [
    ["fixture", "small bodies (fixture seed)"],
    ["demo", "real bodies (demo seed, ≈32 KB each)"],
  ] as const) {
    if (!SEEDS.includes(seed)) continue;
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await fullSyncRun(seed, 10_000, 50, 4);
      console.log(`full sync ${seed}: ${JSON.stringify(r)}`);
      runs.push(r);
    }
    const r = runs[0]!;
    const ms = median(runs.map((x) => x.ms));
    const cpuPerItem = (median(runs.map((x) => x.cpuMs)) * 1000) / r.live;
    const busy = median(runs.map((x) => (x.commitMs ?? Number.NaN) / x.ms));
    const listMs = median(runs.map((x) => x.listMs ?? Number.NaN));
    // the bound again with the latency the fetcher saw instead of the nominal 50 ms
    const seenBound = (r.pages * listMs) / Math.min(4, r.scopes);
    rows.push(
      `| ${label} | ${r.scopes} | ${r.pages} (${r.listCalls} calls) | ${Math.round(r.bound)} ms | ${r.critical} ms | ${Math.round(ms)} ms | ${(ms / r.bound).toFixed(2)}× | ${(ms / Math.max(r.bound, r.critical)).toFixed(2)}× | ${Math.round(cpuPerItem)} µs | ${Math.round(busy * 100)} % | ${Math.round(listMs)} ms | ${(ms / seenBound).toFixed(2)}× | ${Math.round(median(runs.map((x) => x.peakMb)))} MB |`,
    );
  }
  return rows;
}

const poll = PARTS.includes("poll") ? await pollBench() : undefined;
const full = PARTS.includes("full") ? await fullSyncBench() : [];
if (poll)
  console.log(`
### API calls per incremental poll

${poll.scopes} scopes (demo seed scaled to 5,000 items; the k changed items are all in the largest
scope, ${poll.bigSize} LIVE items); overlap 0 s; \`content/list\` calls of one \`sync --once\`,
median of ${RUNS} runs. Bound: ⌈k/100⌉+1 for the changed scope, 1 for each other scope.

| k changed | calls | bound | within |
|---|---|---|---|
${poll.rows.join("\n")}
`);
if (full.length > 0)
  console.log(`
### Full sync of 10,000 items, 50 ms per call, 4 scopes at once

Wall time of the full sync (the fetcher's own "full sync phase done" log line; it runs as a
separate process, the simulator in the benchmark's), median
of ${RUNS} runs. Bound = pages × 50 ms ÷ min(4, scopes); critical path = the largest scope's pages
× 50 ms (a scope's pages are sequential: each needs the previous cursor).

| items | scopes | pages | bound | critical path | wall | ÷ bound | ÷ max(bound, critical path) | CPU per item | commit queue busy | a page as seen | ÷ bound at that latency | peak RSS |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
${full.join("\n")}
`);
process.exit(0);
