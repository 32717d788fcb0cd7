import { spawnSync } from "node:child_process";
import { mkdtempSync, symlinkSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./corpus.ts";

// The failure paths of scripts/kafka/broker.sh: one clear line, no stray process.
const script = resolve(repoRoot, "scripts/kafka/broker.sh");

function run(env: Record<string, string>, path?: string) {
  const state = mkdtempSync(join(tmpdir(), "broker-"));
  const r = spawnSync("bash", [script, "start"], {
    env: {
      ...process.env,
      KAFKA_STATE_DIR: state,
      KAFKA_LIBS_DIR: join(state, "libs"),
      ...env,
      ...(path ? { PATH: path } : {}),
    },
    encoding: "utf8",
  });
  return { status: r.status, stderr: r.stderr, state };
}

/** A PATH with the shell tools the script needs but without the named commands. */
function pathWithout(...missing: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "path-"));
  const tools = [
    "bash",
    "dirname",
    "sha256sum",
    "cut",
    "cat",
    "mkdir",
    "sed",
    "cp",
    "rm",
    "sleep",
    "date",
    "awk",
    "tail",
    "seq",
    "setsid",
    "java",
    "mvn",
  ];
  for (const t of tools.filter((t) => !missing.includes(t))) {
    const which = spawnSync("bash", ["-c", `command -v ${t}`], { encoding: "utf8" }).stdout.trim();
    if (which) symlinkSync(which, join(dir, t));
  }
  return dir;
}

describe("scripts/kafka/broker.sh", () => {
  let busy: Server;
  let busyPort = 0;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((r) => busy.listen(0, "127.0.0.1", () => r()));
    busyPort = (busy.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => busy.close(() => r())));

  it("refuses a taken port with one line that says what to do", () => {
    const r = run({ KAFKA_PORT: String(busyPort), KAFKA_CONTROLLER_PORT: "1" });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      `kafka: port ${busyPort} is already taken by another process: stop it, or set KAFKA_PORT to a free port, or KAFKA_BROKERS to use that broker`,
    );
  });

  it("says to install a JDK when java is missing", () => {
    const r = run({ KAFKA_PORT: "1", KAFKA_CONTROLLER_PORT: "2" }, pathWithout("java"));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^kafka: java not found: install a JDK >= 17.*KAFKA_BROKERS/);
  });

  it("says to install Maven when mvn is missing and the jars are not fetched yet", () => {
    const r = run({ KAFKA_PORT: "1", KAFKA_CONTROLLER_PORT: "2" }, pathWithout("mvn"));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/kafka: mvn not found: install Maven/);
  });

  it("reports a broker that dies during start with its log and leaves no process behind", () => {
    const r = run({
      KAFKA_PORT: "39391",
      KAFKA_CONTROLLER_PORT: "39392",
      KAFKA_HEAP: "-Xmx1m",
      KAFKA_LIBS_DIR: resolve(repoRoot, ".state/kafka-libs"),
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/the broker exited during start; last lines of .*kafka.log:\n[\s\S]*heap/i);
    const stray = spawnSync("pgrep", ["-f", r.state], { encoding: "utf8" }).stdout.trim();
    expect(stray).toBe("");
  });
});
