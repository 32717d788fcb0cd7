/**
 * The Kafka stage's sustained throughput through a real broker, beside the library's in the same
 * run (docs/benchmarks.md#snippetizer). The whole shared corpus is loaded as content events into
 * a fresh topic set; each run starts the stage with a new consumer group (a full backfill) and
 * times it from joining the group to the last offset committed, sampling the consumer lag. The
 * library is timed on the same events in this process. Medians of RUNS runs. Not a test.
 *
 *   KAFKA_BROKERS=127.0.0.1:9092 pnpm --filter @lumasnip/snippetizer exec node bench/stage-bench.ts [--runs 3] [--concurrency 2]
 */
import { createKafka, kafkaConnectionFromEnv } from "@lumasnip/bus";
import { type ContentUpserted, ensureTopics, SCHEMA_VERSION, topicNames } from "@lumasnip/schema";
import { createLogger, kafkaLogCreator } from "@lumasnip/service";
import { createSnippetizer, htmlContent } from "@lumasnip/snippetize";
import { readCorpus } from "@lumasnip/snippetize/corpus";
import { corpusDir, uniqueName } from "@lumasnip/testkit";
import { stageConfigFromEnv } from "../src/config.ts";
import { createStageMetrics } from "../src/stage/metrics.ts";
import { runSnippetizer } from "../src/stage/run-stage.ts";

process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= "1";
const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const runs = flag("runs", 3);
const concurrency = flag("concurrency", 2);
const { dir, reason } = corpusDir();
if (!dir) {
  console.error(reason);
  process.exit(1);
}

const logger = createLogger({ name: "stage-bench", level: "error" });
const kafka = createKafka(kafkaConnectionFromEnv(process.env, "lumasnip-stage-bench"), {
  logCreator: kafkaLogCreator(logger),
});
const docs = readCorpus(dir);
const htmlBytes = docs.reduce((n, d) => n + Buffer.byteLength(d.html), 0);
const producedAt = new Date().toISOString();
const events: ContentUpserted[] = docs.map((d, i) => {
  const { key, content } = htmlContent(d.html, {
    sourceId: "bench",
    contentId: `c${i}`,
    lang: d.lang,
    url: `https://docs.example/${i}`,
  });
  return {
    schemaVersion: SCHEMA_VERSION,
    sourceId: "bench",
    producedAt,
    kind: "content.upserted",
    key,
    content,
  };
});
const eventBytes = events.reduce((n, e) => n + Buffer.byteLength(JSON.stringify(e)), 0);
const mb = (bytes: number, seconds: number) => bytes / 1e6 / seconds;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// 1. topics and the backlog
const prefix = uniqueName("bench").replace(/[^a-zA-Z0-9._-]/g, "");
const topics = topicNames(prefix);
const admin = kafka.admin();
await admin.connect();
await ensureTopics(admin, { prefix });
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
await producer.connect();
let t0 = performance.now();
for (let i = 0; i < events.length; i += 50) {
  const slice = events.slice(i, i + 50);
  await producer.send({
    topic: topics.content,
    acks: -1,
    messages: slice.map((e) => ({ key: e.key, value: JSON.stringify(e) })),
  });
}
await producer.disconnect();
const loadSeconds = (performance.now() - t0) / 1000;

async function committedTotal(groupId: string): Promise<number> {
  const [t] = await admin.fetchOffsets({ groupId, topics: [topics.content] });
  return t!.partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
}

const library: number[] = [];
const libraryCpu: number[] = [];
const stage: number[] = [];
const stageCpu: number[] = [];
const lags: { maxLag: number; samples: [number, number][] }[] = [];
const busy: number[] = [];
for (let r = 0; r < runs; r++) {
  // 2. the library on the same events, this process, one core
  const sn = createSnippetizer();
  let c0 = process.cpuUsage();
  t0 = performance.now();
  for (const e of events) await sn.snippetize(e);
  library.push((performance.now() - t0) / 1000);
  let c = process.cpuUsage(c0);
  libraryCpu.push((c.user + c.system) / 1e6);

  // 3. the stage: a new group reads the whole topic (a backfill)
  const groupId = uniqueName("bench-group");
  const metrics = createStageMetrics({ defaults: false });
  const abort = new AbortController();
  let joined = 0;
  const config = {
    ...stageConfigFromEnv({ LUMASNIP_TOPIC_PREFIX: prefix, SNIPPETIZER_OPS_PORT: "off" }),
    groupId,
    concurrency,
  };
  const running = runSnippetizer(config, {
    kafka,
    logger,
    signal: abort.signal,
    metrics,
    onReady: () => (joined = performance.now()),
  });
  running.catch((e) => console.error(e));
  while (joined === 0) await new Promise((res) => setTimeout(res, 20));
  c0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  const samples: [number, number][] = [];
  let maxLag = 0;
  for (;;) {
    const done = await committedTotal(groupId);
    const lag = events.length - done;
    maxLag = Math.max(maxLag, lag);
    samples.push([(performance.now() - joined) / 1000, lag]);
    if (lag <= 0) break;
    await new Promise((res) => setTimeout(res, 250));
  }
  stage.push((performance.now() - joined) / 1000);
  c = process.cpuUsage(c0);
  stageCpu.push((c.user + c.system) / 1e6);
  lags.push({ maxLag, samples });
  busy.push(performance.eventLoopUtilization(elu0).utilization);
  abort.abort();
  await running;
  const sets = (await metrics.sets.get()).values.reduce((n, v) => n + v.value, 0);
  const sum = async (h: typeof metrics.seconds) =>
    (await h.get()).values.find((v) => v.metricName?.endsWith("_sum"))?.value ?? 0;
  if (args.includes("--verbose")) {
    console.error(
      `run ${r}: snippetizing ${(await sum(metrics.seconds)).toFixed(2)} s, waiting for acks ${(await sum(metrics.sendSeconds)).toFixed(2)} s (summed over partitions)`,
    );
  }
  if (sets !== events.length) console.error(`run ${r}: ${sets} sets for ${events.length} events`);
  await admin.deleteGroups([groupId]).catch(() => {});
}
await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => {});
await admin.disconnect();

const lib = mb(htmlBytes, median(library));
const stg = mb(htmlBytes, median(stage));
const medianRun = stage.indexOf(median(stage));
const timeline = lags[medianRun]!.samples.filter(
  (_, i, all) => i % Math.max(1, Math.floor(all.length / 8)) === 0 || i === all.length - 1,
);
const result = {
  corpus: {
    pages: docs.length,
    htmlMb: +(htmlBytes / 1e6).toFixed(1),
    eventMb: +(eventBytes / 1e6).toFixed(1),
  },
  runs,
  concurrency,
  loadSeconds: +loadSeconds.toFixed(1),
  libraryHtmlMbPerSecond: +lib.toFixed(2),
  libraryHtmlMbPerCpuSecond: +mb(htmlBytes, median(libraryCpu)).toFixed(2),
  stageHtmlMbPerSecond: +stg.toFixed(2),
  stageEventMbPerSecond: +mb(eventBytes, median(stage)).toFixed(2),
  stageCpuSecondsPerRun: +median(stageCpu).toFixed(1),
  /** share of the backfill the stage's main thread was busy (event loop utilization) */
  mainThreadBusy: +median(busy).toFixed(2),
  stageVsLibrary: +(stg / lib).toFixed(2),
  stageSecondsPerRun: stage.map((x) => +x.toFixed(1)),
  librarySecondsPerRun: library.map((x) => +x.toFixed(1)),
  maxLag: Math.max(...lags.map((l) => l.maxLag)),
  lagTimeline: timeline.map(([s, lag]) => `${s.toFixed(1)}s:${lag}`).join(" "),
};
if (args.includes("--json")) console.log(JSON.stringify(result));
else {
  console.log(
    `corpus ${result.corpus.pages} pages, ${result.corpus.htmlMb} MB of HTML (${result.corpus.eventMb} MB of events); median of ${runs} runs`,
  );
  console.log("| path | MB of HTML per second (wall) |\n|---|---|");
  console.log(`| library, in process | ${result.libraryHtmlMbPerSecond} |`);
  console.log(
    `| Kafka stage, through the broker (concurrency ${concurrency}) | ${result.stageHtmlMbPerSecond} |`,
  );
  console.log(
    `stage / library = ${result.stageVsLibrary}; stage CPU ${result.stageCpuSecondsPerRun} s per backfill (all threads of this process), ` +
      `main thread busy ${Math.round(result.mainThreadBusy * 100)} %; runs: stage ${result.stageSecondsPerRun.join(", ")} s, library ${result.librarySecondsPerRun.join(", ")} s`,
  );
  console.log(`lag during the backfill (s:messages behind): ${result.lagTimeline}`);
}
process.exit(0);
