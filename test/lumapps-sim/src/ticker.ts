import type { SimControl } from "./control.ts";
import { groups } from "./groups.ts";
import { createRandom } from "./server/random.ts";
import type { Change } from "./store/changes.ts";

export interface TickerOptions {
  /** time between two changes (default 5000 ms) */
  intervalMs?: number;
  /** PRNG seed: the same seed makes the same choices on the same data */
  randomSeed?: number;
  /** change kinds to draw from (default: all but delete-heavy mixes, see weights) */
  kinds?: Change["kind"][];
}

export interface Ticker {
  stop(): void;
}

const weights: [Change["kind"], number][] = [
  ["edit", 40],
  ["create", 8],
  ["archive", 5],
  ["restore", 5],
  ["delete", 3],
  ["audience", 10],
  ["widget-audience", 5],
  ["rename-metadata", 8],
  ["draft", 10],
  ["dates", 6],
];

/** Makes one random change every interval, so `pnpm dev` shows the pipeline following live edits. */
export function createTicker(
  control: SimControl,
  options: TickerOptions = {},
  log: (line: Record<string, unknown>) => void = () => {},
): Ticker {
  const random = createRandom(options.randomSeed ?? 42);
  const pool = weights.filter(([kind]) => !options.kinds || options.kinds.includes(kind));
  const total = pool.reduce((n, [, w]) => n + w, 0);
  const pick = <T>(list: T[]): T | undefined => list[Math.floor(random() * list.length)];
  const tick = () => {
    let roll = random() * total;
    const kind =
      pool.find(([, w]) => {
        roll -= w;
        return roll < 0;
      })?.[0] ?? "edit";
    const live = control.contents().filter((c) => c.status === "LIVE");
    const target = pick(live);
    let change: Change | undefined;
    if (kind === "create") change = { kind, title: { en: `Ticker page ${Date.now()}` } };
    else if (kind === "restore") {
      const archived = pick(control.contents().filter((c) => c.status === "ARCHIVE"));
      if (archived) change = { kind, id: archived.id };
    } else if (kind === "rename-metadata") {
      const meta = pick(control.metadata().filter((m) => m.parent));
      const lang = meta && Object.keys(meta.name)[0];
      if (meta && lang) change = { kind, id: meta.id, name: { [lang]: `${meta.name[lang]} (renamed)` } };
    } else if (target) {
      if (kind === "audience") {
        const widen = target.feedKeys.length > 0;
        change = { kind, id: target.id, feedKeys: widen ? [] : [groups.hr], bumpUpdatedAt: random() < 0.5 };
      } else if (kind === "widget-audience") change = { kind, id: target.id, feedKeys: [groups.hr] };
      else if (kind === "dates") {
        change = { kind, id: target.id, endDate: new Date(control.now().getTime() - 60_000).toISOString() };
      } else if (kind === "edit")
        change = { kind, id: target.id, paragraph: `Live edit at ${control.now().toISOString()}.` };
      else change = { kind, id: target.id } as Change;
    }
    if (!change) return;
    try {
      const result = control.apply(change);
      log({ msg: "ticker change", kind: result.kind, id: result.id });
    } catch (error) {
      log({ msg: "ticker change failed", kind, error: String(error) });
    }
  };
  const timer = setInterval(tick, options.intervalMs ?? 5000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
