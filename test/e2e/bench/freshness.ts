// Freshness: from a change in (simulated) LumApps to the first edge read that shows it, through the
// whole pipeline (fetcher poll → Kafka → snippetizer → Kafka → publisher → edge KV in Miniflare).
// Not a test: it measures. `KAFKA_BROKERS=127.0.0.1:9092 pnpm --filter @lumasnip/e2e bench:freshness -- --help`
import { parseArgs } from "node:util";
import type { SimContent } from "@lumasnip/lumapps-sim";
import { eventually } from "@lumasnip/testkit";
import { differences } from "../src/support/convergence.ts";
import type { SnippetsPage } from "../src/support/edge.ts";
import { keyOf, languagesOf, squash, visibleContents } from "../src/support/expected.ts";
import { startStack } from "../src/support/stack.ts";

const HELP = `usage: node bench/freshness.ts [--changes N] [--runs R] [--poll S[,S...]] [--every MS] [--json]

For each poll interval and run: the demo seed through a fresh pipeline, then N one-paragraph edits
(one every MS ms on average, at random moments of the poll cycle) of random visible contents;
each edit's latency is the time from the change in the simulator to the first edge read (polled
every 100 ms) that shows the new paragraph. Prints p50/p95/max per run and the medians of the runs
against the target p95 <= poll + 5 s. Needs KAFKA_BROKERS.

  --changes N    edits per run (default 40)
  --runs R       runs per poll interval (default 3)
  --poll S,...   fetcher poll intervals in seconds (default 1,5)
  --every MS     mean gap between edits (default 1500)
  --json         one JSON line per run instead of the table`;

const { values: opts } = parseArgs({
  options: {
    changes: { type: "string", default: "40" },
    runs: { type: "string", default: "3" },
    poll: { type: "string", default: "1,5" },
    every: { type: "string", default: "1500" },
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (opts.help) {
  console.log(HELP);
  process.exit(0);
}
if (!process.env.KAFKA_BROKERS) {
  console.error("freshness: set KAFKA_BROKERS (the local broker: pnpm broker start, then 127.0.0.1:9092)");
  process.exit(2);
}
process.env.E2E_LOG_LEVEL ??= "warn";

const changes = Number(opts.changes);
const runs = Number(opts.runs);
const every = Number(opts.every);
const polls = opts.poll.split(",").map(Number);

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RunResult {
  poll: number;
  run: number;
  n: number;
  p50: number;
  p95: number;
  max: number;
  lost: number;
}

async function oneRun(poll: number, run: number): Promise<RunResult> {
  const stack = await startStack({ source: { pollIntervalSeconds: poll, reconcileIntervalSeconds: 3600 } });
  try {
    await stack.startAll();
    await eventually(async () => ((await differences(stack)).problems.length === 0 ? true : undefined), {
      timeoutMs: 300_000,
      intervalMs: 1000,
      what: "the initial sync at the edge",
    });
    const candidates = visibleContents(stack.sim).filter((c) => languagesOf(c).includes("en"));
    const latencies: number[] = [];
    let lost = 0;
    const watchers: Promise<void>[] = [];
    const watch = (c: SimContent, marker: string, changedAt: number) =>
      (async () => {
        const deadline = changedAt + 120_000;
        while (Date.now() < deadline) {
          const page = await stack.edge.snippets(keyOf(c), "en");
          if (
            typeof page !== "number" &&
            squash((page as SnippetsPage).snippets.map((s) => s.text).join(" ")).includes(marker)
          ) {
            latencies.push(Date.now() - changedAt);
            return;
          }
          await sleep(100);
        }
        lost++;
      })();
    for (let i = 0; i < changes; i++) {
      const c = candidates[Math.floor(Math.random() * candidates.length)]!;
      const marker = `Freshness probe ${run}-${i} at ${Date.now()}.`;
      stack.sim.control.edit(c.id, { lang: "en", paragraph: marker });
      watchers.push(watch(c, squash(marker), Date.now()));
      await sleep(every * (0.5 + Math.random()));
    }
    await Promise.all(watchers);
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      poll,
      run,
      n: sorted.length,
      p50: quantile(sorted, 0.5),
      p95: quantile(sorted, 0.95),
      max: sorted.at(-1)!,
      lost,
    };
  } finally {
    await stack.close();
  }
}

const results: RunResult[] = [];
for (const poll of polls) {
  for (let run = 1; run <= runs; run++) {
    const r = await oneRun(poll, run);
    results.push(r);
    if (opts.json) console.log(JSON.stringify(r));
    else
      console.error(
        `poll ${poll}s run ${run}: n=${r.n} p50=${r.p50} ms p95=${r.p95} ms max=${r.max} ms lost=${r.lost}`,
      );
  }
}
if (!opts.json) {
  const s = (ms: number) => (ms / 1000).toFixed(1);
  console.log(
    "| poll interval | changes × runs | p50 s (median of runs) | p95 s (median of runs) | worst max s | target p95 | met | lost |",
  );
  console.log("|---:|---:|---:|---:|---:|---:|:---:|---:|");
  for (const poll of polls) {
    const rs = results.filter((r) => r.poll === poll);
    const p95 = median(rs.map((r) => r.p95));
    const target = (poll + 5) * 1000;
    console.log(
      `| ${poll} s | ${changes} × ${rs.length} | ${s(median(rs.map((r) => r.p50)))} | ${s(p95)} | ${s(Math.max(...rs.map((r) => r.max)))} | ${poll + 5} | ${p95 <= target ? "yes" : "no"} | ${rs.reduce((n, r) => n + r.lost, 0)} |`,
    );
  }
}
process.exit(0);
