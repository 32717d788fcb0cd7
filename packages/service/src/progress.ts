import { Presets, SingleBar } from "cli-progress";
import type { Logger } from "pino";

export interface Progress {
  /** adds done items; `total` may grow as listings discover more */
  tick(n?: number, fields?: Record<string, unknown>): void;
  setTotal(total: number): void;
  stop(): void;
}

/**
 * A progress bar with counts and rate when stderr is a terminal; otherwise a JSON log line every
 * `intervalMs` (the habit of CLI users vs. log collectors).
 */
export function createProgress(
  logger: Logger,
  { label, total = 0, intervalMs = 10_000, stream = process.stderr } = {} as {
    label: string;
    total?: number;
    intervalMs?: number;
    stream?: NodeJS.WriteStream;
  },
): Progress {
  let done = 0;
  let extra: Record<string, unknown> = {};
  const started = Date.now();
  if (stream.isTTY) {
    const bar = new SingleBar(
      {
        format: `${label} [{bar}] {value}/{total} | {rate}/s | {eta_formatted} left`,
        stream,
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    bar.start(total || 1, 0, { rate: "0" });
    return {
      tick(n = 1) {
        done += n;
        const rate = (done / Math.max((Date.now() - started) / 1000, 0.001)).toFixed(0);
        if (done > bar.getTotal()) bar.setTotal(done);
        bar.update(done, { rate });
      },
      setTotal: (t) => bar.setTotal(Math.max(t, 1)),
      stop: () => bar.stop(),
    };
  }
  const timer = setInterval(() => log("progress"), intervalMs);
  timer.unref();
  function log(msg: string) {
    const secs = (Date.now() - started) / 1000;
    logger.info({ label, done, total, ratePerSec: Math.round(done / Math.max(secs, 0.001)), ...extra }, msg);
  }
  return {
    tick(n = 1, fields) {
      done += n;
      if (fields) extra = fields;
    },
    setTotal(t) {
      total = t;
    },
    stop() {
      clearInterval(timer);
      log("progress done");
    },
  };
}
