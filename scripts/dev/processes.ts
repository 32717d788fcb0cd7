import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { resolve } from "node:path";

export interface ServiceSpec {
  name: string;
  /** script path (run with this Node) or a command from node_modules/.bin */
  args: string[];
  /** run `args[0]` as a binary instead of a Node script */
  binary?: boolean;
  cwd: string;
  env?: Record<string, string>;
  /** resolves when the service answers; rejects on timeout */
  ready: () => Promise<boolean>;
  /** ports the service will listen on: they must be free before it starts, or the readiness
   * probe could be answered by someone else's process (an orphan of an earlier run) */
  ports?: number[];
  readyTimeoutMs?: number;
}

export interface RunningService {
  spec: ServiceSpec;
  child: ChildProcess;
  logFile: string;
  exited: Promise<number | null>;
}

/**
 * Starts one service in its own process group (so stopping it ends its whole tree), logging to
 * a file, and waits until its readiness probe answers. A service that exits during start fails
 * with the last lines of its log.
 */
export async function startService(
  spec: ServiceSpec,
  logDir: string,
  /** told about the process as soon as it exists, so a stop during its start ends it too */
  register: (s: RunningService) => void = () => {},
): Promise<RunningService> {
  mkdirSync(logDir, { recursive: true });
  for (const port of spec.ports ?? []) {
    if (await portInUse(port)) {
      throw new Error(
        `port ${port} (${spec.name}) is already in use — another lumasnip dev still running, or another program; ` +
          "stop it, or choose other ports (pnpm dev -- --help)",
      );
    }
  }
  const logFile = resolve(logDir, `${spec.name}.log`);
  const log = createWriteStream(logFile, { flags: "a" });
  const command = spec.binary ? spec.args[0]! : process.execPath;
  const args = spec.binary ? spec.args.slice(1) : spec.args;
  const child = spawn(command, args, {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const started: RunningService = { spec, child, logFile, exited };
  register(started);
  let dead = false;
  void exited.then(() => {
    dead = true;
  });
  const deadline = Date.now() + (spec.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (dead)
      throw new Error(`${spec.name} exited during start; last lines of ${logFile}:\n${tail(logFile)}`);
    if (await spec.ready().catch(() => false)) break;
    if (Date.now() > deadline) {
      stopGroup(child, "SIGKILL");
      throw new Error(
        `${spec.name} was not ready within ${(spec.readyTimeoutMs ?? 60_000) / 1000}s; see ${logFile}:\n${tail(logFile)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return started;
}

function stopGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/** SIGTERM the group, wait up to `graceMs` for a clean drain, then SIGKILL. */
export async function stopService(s: RunningService, graceMs = 15_000): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  stopGroup(s.child, "SIGTERM");
  const timer = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), graceMs));
  if ((await Promise.race([s.exited, timer])) === "timeout") {
    stopGroup(s.child, "SIGKILL");
    await s.exited;
  }
}

export function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

export async function httpOk(url: string, init?: RequestInit): Promise<boolean> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(2000) });
  await res.arrayBuffer();
  return res.ok;
}

/** True when something accepts connections on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
