import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, readFileSync, type WriteStream } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "@lumasnip/testkit";

export interface AppSpec {
  /** fetcher, snippetizer, publisher: also the log file's name */
  name: string;
  /** the app's folder under the repo, e.g. apps/fetcher */
  dir: string;
  /** arguments after `src/main.ts` */
  args: string[];
  env: Record<string, string>;
  /** the ops server's /healthz answers 200 when the app is up */
  healthUrl: string;
  /** like a supervisor (systemd, Kubernetes): start the app again when it exits on its own */
  restartOnExit?: boolean;
}

export interface App {
  readonly name: string;
  readonly logFile: string;
  /** exits the app had on its own (crashes) and that were followed by a restart */
  readonly restarts: number;
  readonly running: boolean;
  /** starts the process and waits until /healthz answers 200; `env` is added to the spec's from now on */
  start(options?: { readyTimeoutMs?: number; env?: Record<string, string> }): Promise<void>;
  /** SIGTERM and wait for the drain (SIGKILL after `graceMs`) */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL the whole process group: no drain, no commit, no goodbye */
  kill(): Promise<void>;
  /** the last lines of its log */
  tail(lines?: number): string;
}

/**
 * One Node app of the pipeline as a real child process (`node src/main.ts ...` with this Node),
 * in its own process group so a signal reaches its whole tree, logging to a file that tests print
 * when they fail.
 */
export function createApp(spec: AppSpec, logDir: string): App {
  const logFile = join(logDir, `${spec.name}.log`);
  const log: WriteStream = createWriteStream(logFile, { flags: "a" });
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let restarts = 0;
  let wanted = false;
  let env = { ...spec.env };

  const note = (line: string) =>
    log.write(`${JSON.stringify({ e2e: line, at: new Date().toISOString() })}\n`);

  function spawnOnce(): void {
    const proc = spawn(process.execPath, ["src/main.ts", ...spec.args], {
      cwd: join(repoRoot, spec.dir),
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    proc.stdout?.pipe(log, { end: false });
    proc.stderr?.pipe(log, { end: false });
    child = proc;
    exited = new Promise((resolve) => {
      proc.once("exit", (code, signal) => {
        note(`exited (code ${code}, signal ${signal})`);
        if (child === proc) child = undefined;
        resolve();
        if (wanted && spec.restartOnExit) {
          restarts++;
          note("restarting, as a supervisor would");
          setTimeout(() => {
            if (wanted && !child) spawnOnce();
          }, 500);
        }
      });
    });
  }

  async function healthy(): Promise<boolean> {
    try {
      const res = await fetch(spec.healthUrl, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      return res.ok;
    } catch {
      return false;
    }
  }

  function signalGroup(sig: NodeJS.Signals): void {
    const pid = child?.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, sig);
    } catch {
      child?.kill(sig);
    }
  }

  const app: App = {
    name: spec.name,
    logFile,
    get restarts() {
      return restarts;
    },
    get running() {
      return child !== undefined;
    },
    async start({ readyTimeoutMs = 90_000, env: extra } = {}) {
      if (child) throw new Error(`${spec.name} is already running`);
      if (extra) env = { ...env, ...extra };
      wanted = true;
      note("starting");
      spawnOnce();
      const deadline = Date.now() + readyTimeoutMs;
      while (!(await healthy())) {
        if (!child && !spec.restartOnExit) {
          throw new Error(`${spec.name} exited during start; last lines of ${logFile}:\n${app.tail()}`);
        }
        if (Date.now() > deadline) {
          throw new Error(
            `${spec.name} was not healthy within ${readyTimeoutMs} ms; last lines:\n${app.tail()}`,
          );
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async stop(graceMs = 20_000) {
      wanted = false;
      if (!child) return;
      note("SIGTERM");
      signalGroup("SIGTERM");
      const timedOut = await Promise.race([
        exited.then(() => false),
        new Promise<boolean>((r) => setTimeout(() => r(true), graceMs)),
      ]);
      if (timedOut) {
        note(`no exit within ${graceMs} ms: SIGKILL`);
        signalGroup("SIGKILL");
        await exited;
      }
    },
    async kill() {
      wanted = false;
      if (!child) return;
      note("SIGKILL");
      signalGroup("SIGKILL");
      await exited;
    },
    tail(lines = 40) {
      try {
        return readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
      } catch {
        return "(no log)";
      }
    },
  };
  return app;
}
