import { createKafka, KafkaConfigError, kafkaConnectionFromEnv } from "@lumasnip/bus";
import { topicNames } from "@lumasnip/schema";
import { ConfigError, type Logger, startOpsServer } from "@lumasnip/service";
import { type FetcherConfig, loadConfig, type SourceConfig } from "../config/load.ts";
import type { FetcherMetrics } from "../ops/metrics.ts";
import { describeState, readStates } from "../state/read-state.ts";
import { SourceLockedError } from "../state/source-lock.ts";
import { runCycle } from "../sync/cycle.ts";
import type { ProcessDeps } from "../sync/deps.ts";
import { openSource } from "../sync/open-source.ts";
import { reconcileSource } from "../sync/reconcile.ts";
import { runSource, type SourceHealth } from "../sync/run-source.ts";
import { scopesOf } from "../sync/scopes.ts";
import { type CliArgs, HELP, parseCliArgs, UsageError } from "./args.ts";
import { runCheckCommand } from "./check.ts";
import { startProcess } from "./process.ts";

export const EXIT = { ok: 0, failed: 1, usage: 2, held: 3, locked: 4 } as const;

export interface CliIo {
  env: NodeJS.ProcessEnv;
  logger: Logger;
  signal: AbortSignal;
  stdout: (text: string) => void;
  /** messages for a person at a terminal (usage and configuration problems) */
  stderr: (text: string) => void;
  /** tests: count LumApps calls, share metrics */
  fetch?: typeof fetch;
  metrics?: FetcherMetrics;
}

/** Runs one CLI invocation and returns its exit code (main.ts exits with it). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let args: CliArgs;
  let config: FetcherConfig;
  try {
    args = parseCliArgs(argv);
    if (args.command === "help") {
      io.stdout(HELP);
      return EXIT.ok;
    }
    config = loadConfig({ file: args.config, env: io.env });
    config = { ...config, sources: pickSources(config.sources, args.sources) };
    if (args.command !== "check" && args.command !== "state-show") kafkaConnectionFromEnv(io.env, "check");
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof KafkaConfigError) {
      io.stderr(`${error.message}${error instanceof UsageError ? "\nSee --help." : ""}`);
      return EXIT.usage;
    }
    throw error;
  }
  if (args.command === "check") return runCheckCommand(config, io);
  if (args.command === "state-show") return stateShow(config, args, io);

  const proc = await startProcess(config, io.env, io.logger, {
    ...(io.fetch ? { fetch: io.fetch } : {}),
    ...(io.metrics ? { metrics: io.metrics } : {}),
  });
  try {
    if (args.command === "run") return await runAll(config, proc.deps, io);
    return await oneShot(config, args, proc.deps, io);
  } finally {
    await proc.close();
  }
}

function pickSources(all: SourceConfig[], wanted: string[]): SourceConfig[] {
  if (wanted.length === 0) return all;
  const unknown = wanted.filter((w) => !all.some((s) => s.sourceId === w));
  if (unknown.length > 0)
    throw new UsageError(
      `--source ${unknown.join(", ")}: not in the configuration (${all.map((s) => s.sourceId).join(", ")})`,
    );
  return all.filter((s) => wanted.includes(s.sourceId));
}

async function runAll(config: FetcherConfig, deps: ProcessDeps, io: CliIo): Promise<number> {
  const health = new Map<string, SourceHealth>();
  const staleAfterMs = (s: SourceConfig) => Math.max(10 * s.pollIntervalSeconds * 1000, 10 * 60_000);
  const started = Date.now();
  const ops = await startOpsServer({
    port: config.ops.port,
    host: config.ops.host,
    registry: deps.metrics.registry,
    health: () => {
      const sources = Object.fromEntries(health);
      // unhealthy only when an active source has not completed a good cycle for a long while
      const failing = config.sources.filter((s) => {
        const h = health.get(s.sourceId);
        if (h?.role === "failing")
          return Date.now() - (Date.parse(h.failingSince ?? "") || started) > staleAfterMs(s);
        if (h?.role !== "active") return false;
        const last = Date.parse(h.lastSuccessAt ?? "") || started;
        return Date.now() - last > staleAfterMs(s);
      });
      return { ok: failing.length === 0, sources };
    },
  });
  io.logger.info({ ops: ops.url, sources: config.sources.map((s) => s.sourceId) }, "fetcher running");
  let saved: boolean[];
  try {
    saved = await Promise.all(config.sources.map((s) => runSource(deps, s, io.signal, health)));
  } finally {
    await ops.close();
  }
  const unsaved = config.sources.filter((_, i) => !saved[i]).map((s) => s.sourceId);
  if (unsaved.length > 0) {
    // nothing is lost (the saved state is behind what was sent: a restart sends it again), but
    // exit 0 and "state saved" would be untrue
    io.logger.error(
      { sources: unsaved },
      "fetcher stopped, but the state of these sources could not be saved: a restart sends their last pages again",
    );
    return EXIT.failed;
  }
  io.logger.info("fetcher stopped: state saved, locks released");
  return EXIT.ok;
}

async function oneShot(config: FetcherConfig, args: CliArgs, deps: ProcessDeps, io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const waitMs =
    args.waitLockSeconds !== undefined ? args.waitLockSeconds * 1000 : config.lock.sessionTimeoutMs + 15_000;
  for (const source of config.sources) {
    if (io.signal.aborted) break;
    let open: Awaited<ReturnType<typeof openSource>>;
    try {
      open = await openSource(deps, source, {
        signal: io.signal,
        waitMs,
        allowMassDelete: args.allowMassDelete,
      });
    } catch (error) {
      io.logger.error({ err: error, sourceId: source.sourceId }, "cannot start the source");
      io.stdout(`${source.sourceId}: ${(error as Error).message}`);
      code = Math.max(code, error instanceof SourceLockedError ? EXIT.locked : EXIT.failed);
      continue;
    }
    if (!open) break;
    try {
      if (args.command === "reconcile") {
        const summary = await reconcileSource(open.ctx);
        io.stdout(JSON.stringify({ sourceId: source.sourceId, ...summary }, null, 2));
        if (summary.held) code = Math.max(code, EXIT.held);
        else if (summary.scopes.some((s) => !s.complete)) code = Math.max(code, EXIT.failed);
      } else {
        const result = await runCycle(open.ctx, { reconcile: "never", fullRestart: args.full });
        if (!result.ok) code = Math.max(code, EXIT.failed);
      }
    } finally {
      await open.close();
    }
  }
  return code;
}

async function stateShow(config: FetcherConfig, args: CliArgs, io: CliIo): Promise<number> {
  const kafka = createKafka(kafkaConnectionFromEnv(io.env, "lumasnip-fetcher-state-show"), { retries: 2 });
  const ids = config.sources.map((s) => s.sourceId);
  const states = await readStates(kafka, topicNames(config.topicPrefix).fetcherState, ids, {
    groupPrefix: config.topicPrefix,
  });
  const out = config.sources.map((s) => {
    const configured = s.sites === "all" ? [] : scopesOf(s, s.sites).map((x) => x.id);
    return describeState(s.sourceId, states.get(s.sourceId)!, configured, args.items);
  });
  io.stdout(JSON.stringify(out.length === 1 ? out[0] : out, null, 2));
  return EXIT.ok;
}
