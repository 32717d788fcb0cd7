/**
 * Edge benchmark (not a test): the worker served by Miniflare directly, side by side in one run
 * with a minimal worker doing one KV get, under autocannon. Prints medians of several runs and,
 * with --write, replaces the `## Edge` section of docs/benchmarks.md.
 *
 *   pnpm --filter @lumasnip/edge bench [--runs 5] [--duration 8] [--slice 2] [--connections 32]
 *                                      [--contents 100] [--snippets 12] [--only <target>] [--write]
 */
import { readFile, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon, { type Result } from "autocannon";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { EDGE_DIR } from "../src/local/bundle.ts";
import { startLocalEdge } from "../src/local/start-local-edge.ts";
import { childPids, cpuMs, isWorkerd } from "./cpu.ts";
import { MINIMAL_WORKER } from "./minimal-worker.ts";
import { seedContents } from "./seed.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    duration: { type: "string", default: "8" },
    connections: { type: "string", default: "32" },
    slice: { type: "string", default: "2" },
    contents: { type: "string", default: "100" },
    snippets: { type: "string", default: "12" },
    write: { type: "boolean", default: false },
    /** substrings of target names to run (all by default) */
    only: { type: "string", multiple: true },
  },
});
const runs = Number(values.runs);
const duration = Number(values.duration);
const connections = Number(values.connections);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)] as T;

const before = new Set(childPids());
const edge = await startLocalEdge({ vars: { EXPOSE_KV_OPS: "true" } });
const edgePid = childPids().find((p) => !before.has(p) && isWorkerd(p));
const beforeMinimal = new Set(childPids());
const minimal = new Miniflare(
  convertV4MiniflareOptions({
    modules: true,
    script: MINIMAL_WORKER,
    compatibilityDate: "2026-11-01",
    kvNamespaces: ["SNIPPETS"],
    port: 0,
  }),
);
const minimalUrl = (await minimal.ready).toString().replace(/\/$/, "");
const minimalKv = await minimal.getKVNamespace("SNIPPETS");
const minimalPid = childPids().find((p) => !beforeMinimal.has(p) && isWorkerd(p));
if (!edgePid || !minimalPid)
  throw new Error("cannot find the workerd processes (the CPU figures need Linux /proc)");

console.error(`seeding ${values.contents} contents x ${values.snippets} snippets...`);
const seeded = await seedContents(edge, Number(values.contents), Number(values.snippets));
for (const prefix of ["s:", "m:"]) {
  let cursor: string | undefined;
  do {
    const page = await edge.kv.list({ prefix, cursor });
    for (const k of page.keys) await minimalKv.put(k.name, (await edge.kv.get(k.name)) as string);
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
}
const auth = { authorization: `Bearer ${seeded.readKey}` };
await (
  await fetch(`${edge.url}/v1/lookup?url=${encodeURIComponent("https://nowhere.example/")}`, {
    headers: auth,
  })
).arrayBuffer();

interface Target {
  name: string;
  url: string;
  pid: number;
  headers: Record<string, string>;
  path: () => string;
}
const ONE_GET = "minimal worker: one KV get";
const SAME_READS = "minimal worker: manifest get + bulk get";
const targets: Target[] = [
  {
    name: ONE_GET,
    url: minimalUrl,
    pid: minimalPid,
    headers: {},
    path: () => `/s/${pick(seeded.snippetIds)}`,
  },
  {
    name: SAME_READS,
    url: minimalUrl,
    pid: minimalPid,
    headers: {},
    path: () => `/c/${pick(seeded.contentKeys)}`,
  },
  {
    name: "GET /v1/snippets/:id",
    url: edge.url,
    pid: edgePid,
    headers: auth,
    path: () => `/v1/snippets/${pick(seeded.snippetIds)}`,
  },
  {
    name: "GET /v1/contents/:key/snippets",
    url: edge.url,
    pid: edgePid,
    headers: auth,
    path: () => `/v1/contents/${pick(seeded.contentKeys)}/snippets`,
  },
];

if (values.only?.length) {
  const keep = targets.filter((t) => t.name === ONE_GET || values.only?.some((o) => t.name.includes(o)));
  targets.splice(0, targets.length, ...keep);
}

// KV operations per request as the worker counts them, key lookup cached: cold (the manifest
// not yet in the isolate cache) and warm (within MANIFEST_CACHE_SECONDS)
const kvOps: Record<string, { cold: number; warm: number }> = {};
const c = seeded.contentKeys;
for (const [route, path] of [
  ["GET /v1/snippets/:id", `/v1/snippets/${seeded.snippetIds[seeded.snippetIds.length - 1]}`],
  ["GET /v1/contents/:key", `/v1/contents/${c[c.length - 2]}`],
  ["GET /v1/contents/:key/snippets", `/v1/contents/${c[c.length - 3]}/snippets`],
  ["GET /v1/tags/:tag/contents", "/v1/tags/metadata:bench/contents?limit=50"],
  ["GET /v1/sites/:source/:site/contents", "/v1/sites/acme/bench/contents?limit=50"],
  ["GET /v1/lookup?url=", `/v1/lookup?url=${encodeURIComponent(seeded.url)}`],
] as const) {
  const counts: number[] = [];
  for (let i = 0; i < 2; i++) {
    const res = await fetch(`${edge.url}${path}`, { headers: auth });
    if (res.status !== 200) throw new Error(`${route} answered ${res.status}`);
    await res.arrayBuffer();
    counts.push(Number(res.headers.get("x-lumasnip-kv-ops")));
  }
  kvOps[route] = { cold: counts[0] as number, warm: counts[1] as number };
}

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  cpuUsPerRequest: number;
}

async function load(t: Target, seconds: number): Promise<Result & { cpuMs: number }> {
  const cpuBefore = cpuMs(t.pid);
  const r = await autocannon({
    url: t.url,
    connections,
    duration: seconds,
    headers: t.headers,
    requests: [{ setupRequest: (req) => ({ ...req, path: t.path() }) }],
  });
  if (r.non2xx > 0 || r.errors > 0)
    throw new Error(`${t.name}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return { ...r, cpuMs: cpuMs(t.pid) - cpuBefore };
}

// Each run gives every target `duration` seconds in slices of `slice` seconds, alternating, so
// the load other processes put on this shared machine falls on all targets alike.
const slice = Math.min(duration, Number(values.slice));
const slices = Math.max(1, Math.round(duration / slice));
for (const t of targets) await load(t, 2); // warm-up: JIT, isolate caches, KV page cache
const samples = new Map<string, Sample[]>(targets.map((t) => [t.name, []]));
for (let run = 1; run <= runs; run++) {
  const parts = new Map<string, (Result & { cpuMs: number })[]>(targets.map((t) => [t.name, []]));
  for (let k = 0; k < slices; k++) {
    const order = k % 2 === 0 ? targets : [...targets].reverse();
    for (const t of order) parts.get(t.name)?.push(await load(t, slice));
  }
  for (const t of targets) {
    const ps = parts.get(t.name) ?? [];
    const total = ps.reduce((n, p) => n + p.requests.total, 0);
    const sample: Sample = {
      rps: total / (slice * ps.length),
      p50: median(ps.map((p) => p.latency.p50)),
      p99: median(ps.map((p) => p.latency.p99)),
      cpuUsPerRequest: (ps.reduce((n, p) => n + p.cpuMs, 0) * 1000) / total,
    };
    samples.get(t.name)?.push(sample);
    console.error(
      `run ${run}/${runs} ${t.name}: ${sample.rps.toFixed(0)} req/s, p50 ${sample.p50} ms, p99 ${sample.p99} ms, ${sample.cpuUsPerRequest.toFixed(0)} µs CPU/request`,
    );
  }
}
await edge.close();
await minimal.dispose();

const ratiosTo = (name: string, baseline: string) => {
  const rs = samples.get(name) ?? [];
  const bs = samples.get(baseline) ?? [];
  return rs.map((r, i) => r.rps / (bs[i]?.rps ?? Number.NaN));
};
const ratioTo = (name: string, baseline: string) => median(ratiosTo(name, baseline));
const spread = (xs: number[]) => `${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)}`;
const rows = targets.map((t) => {
  const rs = samples.get(t.name) ?? [];
  return {
    name: t.name,
    rps: median(rs.map((r) => r.rps)),
    ratio: ratioTo(t.name, ONE_GET),
    ratioSpread: spread(ratiosTo(t.name, ONE_GET)),
    sameReads: t.name.includes("/contents/") ? ratioTo(t.name, SAME_READS).toFixed(2) : "",
    p50: median(rs.map((r) => r.p50)),
    p99: median(rs.map((r) => r.p99)),
    cpu: median(rs.map((r) => r.cpuUsPerRequest)),
    ops:
      t.name === ONE_GET
        ? "1"
        : t.name === SAME_READS
          ? "2"
          : `${kvOps[t.name]?.cold} cold, ${kvOps[t.name]?.warm} warm`,
  };
});

const date = new Date().toISOString().slice(0, 10);
const table = [
  "| target | req/s (median) | ratio to one KV get (per-run range) | ratio to the same reads | p50 ms | p99 ms | workerd CPU µs / request | KV ops / request |",
  "|---|---:|---:|---:|---:|---:|---:|---:|",
  ...rows.map(
    (r) =>
      `| ${r.name} | ${r.rps.toFixed(0)} | ${r.ratio.toFixed(2)} (${r.ratioSpread}) | ${r.sameReads} | ${r.p50} | ${r.p99} | ${r.cpu.toFixed(0)} | ${r.ops} |`,
  ),
].join("\n");
const opsTable = [
  "| route | KV ops / request, manifest not cached | same, manifest cached |",
  "|---|---:|---:|",
  ...Object.entries(kvOps).map(([route, n]) => `| ${route} | ${n.cold} | ${n.warm} |`),
].join("\n");
const section = `## Edge

Measured ${date} by \`pnpm --filter @lumasnip/edge bench\` (apps/edge/scripts/bench.ts): the worker
bundled by wrangler and served by Miniflare directly (no \`wrangler dev\` proxy), side by side in one
run with a minimal worker doing one KV get by key, against local KV; ${values.contents} contents of
${values.snippets} snippets, random ids per request; autocannon, ${connections} connections,
${duration} s per target per run in alternating ${slice} s slices, ${runs} runs (medians; the ratio is
the median of the per-run ratios), on ${cpus().length} vCPU (${cpus()[0]?.model.trim()}) shared by load generator and workerd.

${table}

${opsTable}

Reading it: the single-snippet route reads the snippet, then its content's manifest (which
decides the publication window, the reading order and the neighbours a reader may see); the
manifest comes from the isolate's cache while fresh (\`MANIFEST_CACHE_SECONDS\`, default 10 s), so
under load it costs one KV read like the minimal worker. The content route reads the manifest
and one bulk read per 100 snippets. Miniflare's local bulk get reads its keys one by one
(workers/kv/namespace.worker.js), so locally a bulk read of 12 snippets costs about 12 reads;
"ratio to the same reads" compares the route with a minimal worker making those same reads. An
API key costs one more read the first time an isolate sees it (then cached
\`AUTH_CACHE_SECONDS\`). Local KV is SQLite behind workerd, on a shared 2-vCPU machine: these
figures compare the workers side by side; they say little about latency on Cloudflare's edge.
`;
console.log(section);

if (values.write) {
  const path = join(EDGE_DIR, "../../docs/benchmarks.md");
  let doc = "";
  try {
    doc = await readFile(path, "utf8");
  } catch {
    doc = "# Benchmarks\n";
  }
  const start = doc.indexOf("\n## Edge\n");
  if (start < 0) doc = `${doc.trimEnd()}\n\n${section}`;
  else {
    const next = doc.indexOf("\n## ", start + 1);
    doc = `${doc.slice(0, start + 1)}${section}${next < 0 ? "" : `\n${doc.slice(next + 1)}`}`;
  }
  await writeFile(path, doc);
  console.error(`wrote the Edge section of ${path}`);
}
