import { scrape, sumMetric } from "./metrics-scrape.ts";

interface StatusOptions {
  ports: { fetcher: number; snippetizer: number; publisher: number };
  tty: boolean;
  say: (msg: string) => void;
}

/**
 * Counters are per process: after a restart they count this run's work.
 * A compact live line (items fetched, snippets produced, published, lag) from the apps' own
 * /metrics, instead of a wall of logs: redrawn every 2 s in a terminal, a JSON line every 30 s otherwise.
 */
export function startStatus({ ports, tty, say }: StatusOptions): () => void {
  const m = (name: string) => `http://127.0.0.1:${ports[name as keyof typeof ports]}/metrics`;
  const n = (v: number) => (Number.isNaN(v) ? "0" : String(Math.round(v)));
  let last = "";
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    const [f, s, p] = await Promise.all([
      scrape(m("fetcher")),
      scrape(m("snippetizer")),
      scrape(m("publisher")),
    ]);
    const fields = {
      fetched: n(sumMetric(f, "lumasnip_fetcher_events_total")),
      live: n(sumMetric(f, "lumasnip_fetcher_live_items")),
      snippetSets: n(sumMetric(s, "lumasnip_snippetizer_sets_total")),
      snippetizerLag: n(sumMetric(s, "lumasnip_snippetizer_consumer_lag")),
      published: n(sumMetric(p, "lumasnip_publisher_contents_total")),
      snippetsWritten: n(sumMetric(p, "lumasnip_publisher_snippets_written_total")),
      publisherLag: n(sumMetric(p, "lumasnip_publisher_consumer_lag")),
      dlq: n(
        (sumMetric(f, "lumasnip_fetcher_events_total", (l) => l.includes('kind="dlq"')) || 0) +
          (sumMetric(s, "lumasnip_snippetizer_dlq_total") || 0) +
          (sumMetric(p, "lumasnip_publisher_failures_total") || 0),
      ),
    };
    // a scrape that ran into the shutdown reads the stopped apps as 0: never print it
    if (stopped) return;
    const line =
      `fetched ${fields.fetched} (live ${fields.live}) | snippet sets ${fields.snippetSets} (lag ${fields.snippetizerLag})` +
      ` | published ${fields.published}, ${fields.snippetsWritten} snippets (lag ${fields.publisherLag}) | dlq ${fields.dlq}`;
    if (tty) {
      if (line !== last) process.stdout.write(`\r\x1b[2K${line}`);
    } else if (line !== last) {
      say(line);
    }
    last = line;
  };
  const timer = setInterval(() => void tick(), tty ? 2000 : 30_000);
  timer.unref();
  void tick();
  return () => {
    stopped = true;
    clearInterval(timer);
    // in a terminal the line is redrawn in place, without a newline: end it before the next message
    if (tty && last) process.stdout.write("\n");
  };
}
