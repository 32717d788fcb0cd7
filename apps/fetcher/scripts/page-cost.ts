/**
 * CPU cost of each step a full-sync page goes through, in process, on pages the simulator
 * served (docs/benchmarks.md "## Fetcher"); not a test.
 *   node scripts/page-cost.ts [fixture|demo]
 */
import { gzipSync } from "node:zlib";
import { Secret } from "@lumasnip/auth";
import { createLumAppsClient } from "@lumasnip/lumapps";
import { startSimulator } from "@lumasnip/lumapps-sim";
import { contentKey, LumAppsContentSchema, lumAppsContentParser, SCHEMA_VERSION } from "@lumasnip/schema";
import { readMarkers } from "../src/normalize/markers.ts";
import { normalizeContent } from "../src/normalize/normalize-content.ts";

const seed = process.argv[2] ?? "demo";
const sim = await startSimulator({ seed, scale: 2000 });
const texts: string[] = [];
const client = createLumAppsClient({
  connection: {
    organizationId: sim.org,
    applicationId: sim.app.applicationId,
    applicationSecret: new Secret(sim.app.secret),
    authorizedUserId: sim.serviceUser.id,
    cell: sim.url,
  },
  requestsPerSecond: 0,
  fetch: async (url, init) => {
    const res = await fetch(url, init);
    const text = await res.text();
    if (String(url).includes("content/list")) texts.push(text);
    return new Response(text, { status: res.status, headers: res.headers });
  },
});
const site = sim.control.instances()[0]!.id;
let pages = 0;
for await (const _ of client.listContent({ siteIds: [site], types: ["page"], action: "PAGE_READ" })) {
  if (++pages >= 8) break;
}
await sim.close();

/** the fastest of several rounds: the machine is shared, and interference only adds time */
const time = (label: string, n: number, fn: () => unknown) => {
  for (let i = 0; i < 3; i++) fn();
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 7; round++) {
    const t = performance.now();
    for (let i = 0; i < 5; i++) fn();
    best = Math.min(best, (performance.now() - t) / 5);
  }
  console.log(
    `${label.padEnd(46)} ${best.toFixed(2).padStart(8)} ms/page ${((best * 1000) / n).toFixed(1).padStart(7)} µs/item`,
  );
};
const bytes = texts.reduce((a, t) => a + t.length, 0) / texts.length;
const parsedPages = texts.map((t) => JSON.parse(t) as { items: unknown[] });
const n = parsedPages.reduce((a, p) => a + p.items.length, 0) / texts.length;
console.log(`${seed}: ${texts.length} pages, ${n} items/page, ${(bytes / 1024).toFixed(0)} KB/page`);
const page = parsedPages[1]!.items as Record<string, unknown>[];
const text = texts[1]!;
time("JSON.parse of the page", n, () => JSON.parse(text));
time("zod parse of each item", n, () => page.map((i) => LumAppsContentSchema.safeParse(i)));
time("hand-written check of each item", n, () => page.map((i) => lumAppsContentParser.safeParse(i)));
const items = page.map((i) => {
  const r = lumAppsContentParser.safeParse(i);
  if (!r.success) throw new Error("invalid item");
  return r.data;
});
time("readMarkers", n, () => items.map((i) => readMarkers(i, "everyone")));
const markers = items.map((i) => {
  const r = readMarkers(i, "everyone");
  if (!r.ok) throw new Error(r.error);
  return r.markers;
});
const ctx = {
  platformAddress: "https://intranet.example.com",
  languages: undefined,
  emptyAudience: "everyone" as const,
  type: "page",
  site: { id: site, name: { en: "Site" } },
  labels: { metadata: () => undefined, contentType: () => undefined },
};
time("normalizeContent", n, () => items.map((i, k) => normalizeContent(i, markers[k]!, ctx)));
const events = items.map((i, k) => ({
  schemaVersion: SCHEMA_VERSION,
  sourceId: "bench",
  producedAt: new Date().toISOString(),
  kind: "content.upserted",
  key: contentKey("bench", markers[k]!.id),
  content: normalizeContent(i, markers[k]!, ctx).content,
}));
time("JSON.stringify of the events", n, () => events.map((e) => JSON.stringify(e)));
time("JSON.stringify + Buffer.from (bus serialize)", n, () =>
  events.map((e) => Buffer.from(JSON.stringify(e))),
);
const batch = Buffer.concat(events.map((e) => Buffer.from(JSON.stringify(e))));
console.log(`events ${(batch.length / 1024).toFixed(0)} KB/page`);
for (const level of [6, 1]) {
  let out = 0;
  time(`gzip level ${level} of the batch`, n, () => {
    out = gzipSync(batch, { level }).length;
  });
  console.log(`  → ${(out / 1024).toFixed(0)} KB`);
}
console.log(
  `page bytes ${Buffer.byteLength(text)} chars ${text.length}; templates ${items.reduce((a, i) => a + JSON.stringify(i.template ?? null).length, 0)} chars`,
);
const rawEvents = page.map((i, k) => ({
  ...events[k],
  content: { ...events[k]!.content, template: i.template },
}));
time("JSON.stringify of events (template as parsed)", n, () => rawEvents.map((e) => JSON.stringify(e)));
process.exit(0);
