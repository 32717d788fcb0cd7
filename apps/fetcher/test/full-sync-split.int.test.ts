import { readFileSync, writeFileSync } from "node:fs";
import { createLogger } from "@lumasnip/service";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/commands.ts";
import { createFetcherMetrics } from "../src/ops/metrics.ts";
import { countByKey, type Harness, startHarness } from "./support/harness.ts";

/** One site of the fixture seed: its pages fill 13 listing pages of 10, its news 6. */
const SITE = "9472407423944239";

interface Asked {
  sort: string | undefined;
  cursor: boolean;
}

/** The harness with one site and two listing slots: the news scope ends first, its slot joins the pages. */
async function setup(): Promise<{
  h: Harness;
  asked: Asked[];
  cli: (argv: string[], signal?: AbortSignal) => Promise<string>;
}> {
  const h = await startHarness({
    sim: { seed: "fixture", scale: 400, latencyMs: 20 },
    source: { pageSize: 10, scopeConcurrency: 2 },
  });
  const config = JSON.parse(readFileSync(h.configFile, "utf8"));
  config.sources[0].sites = [SITE];
  writeFileSync(h.configFile, JSON.stringify(config));
  const asked: Asked[] = [];
  const logger = createLogger({ name: "fetcher-test", level: "error" });
  const cli = async (argv: string[], signal = new AbortController().signal) => {
    let out = "";
    const code = await runCli(argv, {
      env: h.env,
      logger,
      signal,
      stdout: (t) => {
        out += t;
      },
      stderr: (t) => {
        out += t;
      },
      metrics: createFetcherMetrics({ defaults: false }),
      fetch: async (url, init) => {
        if (String(url).includes("content/list")) {
          const body = JSON.parse(String(init?.body ?? "{}")) as { sortOrder?: string[]; cursor?: string };
          asked.push({ sort: body.sortOrder?.[0], cursor: Boolean(body.cursor) });
        }
        return fetch(url, init);
      },
    });
    expect(code).toBe(0);
    return out;
  };
  return { h, asked, cli };
}

const visibleIds = (h: Harness) =>
  new Set(
    h
      .visible()
      .filter((c) => c.instance === SITE)
      .map((c) => c.id),
  );

describe("a full sync listing its largest scope from both ends", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("emits each visible item once when a free slot lists the largest scope from its oldest end", async () => {
    const s = await setup();
    h = s.h;
    await s.cli(["sync", "--once"]);
    const upserts = await h.upserts();
    expect(new Set(upserts.map((u) => u.content.id))).toEqual(visibleIds(h));
    expect([...countByKey(upserts).values()].every((n) => n === 1)).toBe(true);
    const fromOldest = s.asked.filter((a) => a.sort === "updatedAt").length;
    expect(fromOldest).toBeGreaterThan(0);
    // the price of the second listing: the page where they meet is read by both, and each may
    // have fetched its next page (look-ahead) when they stop
    expect(s.asked.length).toBeLessThanOrEqual(13 + 6 + 3);
    await h.fresh();
    await s.cli(["sync", "--once"]);
    expect(await h.fresh()).toEqual([]);
  }, 120_000);

  it("resumes both listings of a scope from their saved cursors after a stop", async () => {
    const s = await setup();
    h = s.h;
    const stop = new AbortController();
    const watch = setInterval(() => {
      if (s.asked.filter((a) => a.sort === "updatedAt").length >= 2) stop.abort();
    }, 5);
    await s.cli(["sync", "--once"], stop.signal).finally(() => clearInterval(watch));
    const shown = JSON.parse(await s.cli(["state", "show"])) as {
      scopes: Record<
        string,
        { fullSync: { fromOldest?: { pages: number; cursor: string | null } } | string }
      >;
    };
    const split = Object.values(shown.scopes).find(
      (x) => typeof x.fullSync === "object" && x.fullSync.fromOldest,
    );
    expect(split).toBeDefined();
    const before = (await h.upserts()).length;
    expect(before).toBeLessThan(visibleIds(h).size);

    s.asked.length = 0;
    await s.cli(["sync", "--once"]);
    expect(s.asked.find((a) => a.sort === "updatedAt")?.cursor).toBe(true);
    const upserts = await h.upserts();
    expect(new Set(upserts.map((u) => u.content.id))).toEqual(visibleIds(h));
    // stopped by a signal, each listing finished the page in hand: nothing was sent twice
    expect([...countByKey(upserts).values()].every((n) => n === 1)).toBe(true);
  }, 120_000);
});
