import type { Logger } from "pino";

export interface MainContext {
  /** aborted on SIGTERM / SIGINT: loops finish their in-flight work and return */
  signal: AbortSignal;
}

/**
 * Runs a long-lived app: the first SIGTERM/SIGINT aborts `signal` so the app drains and returns
 * (exit 0); a second one exits at once (130). A thrown error is logged and exits 1, so a crash
 * with kafkajs `restart: false` is visible to the supervisor.
 */
export async function runMain(
  logger: Logger,
  main: (ctx: MainContext) => Promise<number | undefined>,
): Promise<never> {
  const controller = new AbortController();
  let stopping = false;
  const onSignal = (sig: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal: sig }, "second signal, exiting now");
      process.exit(130);
    }
    stopping = true;
    logger.info({ signal: sig }, "stopping: draining in-flight work");
    controller.abort();
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  let code = 0;
  try {
    code = (await main({ signal: controller.signal })) ?? 0;
  } catch (error) {
    logger.fatal({ err: error }, "stopped on an error");
    code = 1;
  }
  logger.flush?.();
  // let pino's async destination drain before exiting
  await new Promise((r) => setTimeout(r, 50));
  process.exit(code);
}

/** Resolves after `ms`, or early when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
