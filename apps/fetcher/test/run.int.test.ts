import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { eventually } from "@lumasnip/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./support/harness.ts";

const appDir = fileURLToPath(new URL("..", import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("the run command", () => {
  let h: Harness;
  let port: number;
  let child: ReturnType<typeof spawn>;
  let exited: Promise<number | null>;
  let output = "";

  beforeAll(async () => {
    h = await startHarness();
    port = await freePort();
    child = spawn(process.execPath, ["src/main.ts", "run"], {
      cwd: appDir,
      env: { ...process.env, ...h.env, FETCHER_OPS_PORT: String(port), LOG_LEVEL: "debug" },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (d) => {
      output += d;
    });
    child.stderr!.on("data", (d) => {
      output += d;
    });
    exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  });
  afterAll(async () => {
    if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
    await h.close();
  });

  it("syncs everything, then follows changes every poll interval", async () => {
    const visible = h.visible().length;
    await eventually(async () => ((await h.upserts()).length >= visible ? true : undefined), {
      timeoutMs: 60_000,
      what: "the full sync",
    });
    const [page] = h.visible().filter((c) => c.type === "page");
    h.sim.control.edit(page!.id, { paragraph: "Seen by the running fetcher." });
    await eventually(
      async () =>
        (await h.upserts()).some((u) => u.content.id === page!.id && u.content.version === page!.version + 1)
          ? true
          : undefined,
      { timeoutMs: 20_000, what: "the edit" },
    );
  });

  it("serves /healthz and the metrics the issue lists", async () => {
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, sources: { sim: { role: "active" } } });
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    for (const pattern of [
      /lumasnip_fetcher_api_requests_total\{source="sim",route="content\/list",status="200"/,
      /lumasnip_fetcher_items_listed_total\{source="sim",scope="[^"]+",mode="full"/,
      /lumasnip_fetcher_events_total\{source="sim",kind="upserted"/,
      /lumasnip_fetcher_last_poll_success_timestamp_seconds\{source="sim",scope=/,
      /lumasnip_fetcher_newest_updated_at_seconds\{source="sim",scope=/,
      /lumasnip_fetcher_source_lock_held\{source="sim"[^}]*\} 1/,
      /lumasnip_fetcher_token_mints_total\{source="sim",outcome="ok"/,
      /# TYPE lumasnip_fetcher_deletes_held_back gauge/,
      /# TYPE lumasnip_fetcher_last_reconcile_success_timestamp_seconds gauge/,
    ]) {
      expect(text).toMatch(pattern);
    }
  });

  it("makes a second fetcher of the same source wait, and give up", async () => {
    const second = await h.cli(["sync", "--once", "--wait-lock", "3"]);
    expect(second.code).toBe(4);
    expect(second.out).toMatch(/another fetcher is running source "sim"/);
  });

  it("stops on SIGTERM with exit 0, its state saved and its lock released", async () => {
    process.kill(-child.pid!, "SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toMatch(/"msg":"fetcher stopped: state saved, locks released"/);
    // the group coordinator may take a moment to see the member leave on a loaded machine: the
    // prompt release itself is what the timed `sync --once` below checks
    const shown = JSON.parse((await h.cli(["state", "show", "--wait-lock", "20"])).out);
    for (const scope of Object.values(shown.scopes) as {
      lastPollAt: string | null;
      watermark: string | null;
    }[]) {
      expect(scope.lastPollAt).not.toBeNull();
    }
    const started = Date.now();
    expect((await h.cli(["sync", "--once", "--wait-lock", "5"])).code).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("never writes a secret or a token to its logs", () => {
    expect(output.length).toBeGreaterThan(1000);
    expect(output).not.toContain(h.sim.app.secret);
    expect(output).not.toMatch(/Bearer\s+\S/);
    expect(output).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/);
  });
});
