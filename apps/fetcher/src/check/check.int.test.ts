import { type RunningSimulator, startSimulator } from "@lumasnip/lumapps-sim";
import { createLogger } from "@lumasnip/service";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../cli/commands.ts";

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: "fixture" });
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => sim.control.clearFaults());

/** A single source from the environment, as an operator would set it up. */
function env(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    FETCHER_SOURCE_ID: "sim",
    FETCHER_CONTENT_TYPES: "page:PAGE_READ,news:NEWS_READ",
    LUMAPPS_ORGANIZATION_ID: sim.org,
    LUMAPPS_APPLICATION_ID: sim.app.applicationId,
    LUMAPPS_APPLICATION_SECRET: sim.app.secret,
    LUMAPPS_AUTHORIZED_USER_ID: sim.serviceUser.id,
    LUMAPPS_CELL: sim.url,
    LUMAPPS_PLATFORM_ADDRESS: "https://intranet.example.com",
    ...overrides,
  };
}

async function check(environment: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runCli(["check"], {
    env: environment,
    logger: createLogger({ name: "check-test", level: "silent" }),
    signal: new AbortController().signal,
    stdout: (t) => lines.push(t),
    stderr: (t) => lines.push(t),
  });
  return { code, out: lines.join("\n") };
}

/** What the service user may read of a site and type: LIVE, and an audience it is in (or none). */
function visible(siteId: string, type: string): number {
  const groups = new Set(sim.serviceUser.groups);
  return sim.control
    .contents()
    .filter((c) => c.instance === siteId && c.type === type && c.status === "LIVE")
    .filter((c) => c.feedKeys.length === 0 || c.feedKeys.some((k) => groups.has(k))).length;
}

describe("check against a good source", () => {
  it("mints a token, lists the sites and counts the visible content of every site and type, exit 0", async () => {
    const { code, out } = await check(env());
    expect(code).toBe(0);
    expect(out).toMatch(/ok {5}token minted in \d+ ms, valid 3600 s/);
    expect(out).toContain(`ok     ${sim.control.instances().length} sites:`);
    for (const site of sim.control.instances()) {
      for (const [type, action] of [
        ["page", "PAGE_READ"],
        ["news", "NEWS_READ"],
      ]) {
        const n = visible(site.id, type!);
        expect(out).toContain(
          `site ${site.name} (${site.id}), ${type} with ${action}: ${n} live item${n === 1 ? "" : "s"} visible`,
        );
      }
    }
    expect(out).not.toContain("FAIL");
    expect(out).not.toContain(sim.app.secret);
  });

  it("notes a missing platform address without failing", async () => {
    const { code, out } = await check(env({ LUMAPPS_PLATFORM_ADDRESS: undefined }));
    expect(code).toBe(0);
    expect(out).toMatch(/note {3}platformAddress is not set/);
  });
});

describe("check against a bad source", () => {
  it("exits 2 naming the setting when the cell is the documentation site", async () => {
    const { code, out } = await check(env({ LUMAPPS_CELL: "https://api.lumapps.com" }));
    expect(code).toBe(2);
    expect(out).toMatch(/cell.*documentation site/);
    expect(out).not.toContain(sim.app.secret);
  });

  it("exits 2 with one line per missing setting", async () => {
    const { code, out } = await check(
      env({ LUMAPPS_ORGANIZATION_ID: undefined, LUMAPPS_APPLICATION_SECRET: undefined }),
    );
    expect(code).toBe(2);
    expect(out).toMatch(/organizationId.*required/);
    expect(out).toMatch(/applicationSecret.*required/);
  });

  it("exits 3 naming the secret when the credentials are wrong, and never prints the secret", async () => {
    const wrong = "wrong-secret-2b9f7c";
    const { code, out } = await check(env({ LUMAPPS_APPLICATION_SECRET: wrong }));
    expect(code).toBe(3);
    expect(out).toMatch(/FAIL .*refused the application's credentials.*applicationSecret/);
    expect(out).not.toContain(wrong);
  });

  it("exits 3 naming the cell when nothing answers there", async () => {
    const closed = await startSimulator({ seed: "fixture" });
    const url = closed.url;
    await closed.close();
    const { code, out } = await check(env({ LUMAPPS_CELL: url }));
    expect(code).toBe(3);
    expect(out).toMatch(/FAIL .*refused the connection: check cell/);
  });

  it("exits 3 naming the user when the application may not act as it", async () => {
    const notDelegated = sim.users.find((u) => u.impersonable === false)!;
    const { code, out } = await check(env({ LUMAPPS_AUTHORIZED_USER_ID: notDelegated.id }));
    expect(code).toBe(3);
    expect(out).toMatch(/FAIL .*authorizedUserId/);
  });

  it("exits 4 when the sites cannot be listed", async () => {
    sim.control.addFault({ route: "instance/list", kind: "server-error", status: 500 });
    const { code, out } = await check(env());
    expect(code).toBe(4);
    expect(out).toMatch(
      /FAIL {3}cannot list sites: LumApps answered instance\/list with HTTP 500.*LumApps-Call-Id [0-9a-f]+/,
    );
  });

  it("exits 4 with one line per scope whose listing LumApps refuses", async () => {
    const { code, out } = await check(env({ FETCHER_CONTENT_TYPES: "page:PAGE_READ,news:NEWS_LIST_WRONG" }));
    expect(code).toBe(4);
    const fails = out.split("\n").filter((l) => l.includes("FAIL"));
    expect(fails).toHaveLength(sim.control.instances().length);
    for (const line of fails)
      expect(line).toMatch(/news with NEWS_LIST_WRONG: .*HTTP 400.*check the content type "news"/);
    expect(out).toMatch(/page with PAGE_READ: \d+ live items? visible/);
  });

  it("exits 4 when a listing breaks its paging", async () => {
    // enough items for scopes of several pages: the fault hits the request of a second page
    const big = await startSimulator({ seed: "fixture", scale: 1000 });
    try {
      big.control.addFault({ route: "content/list", kind: "break-cursor", mode: "missing", times: 1 });
      const { code, out } = await check(env({ LUMAPPS_CELL: big.url }));
      expect(code).toBe(4);
      expect(out.split("\n").filter((l) => l.includes("FAIL"))).toHaveLength(1);
      expect(out).toMatch(/FAIL .*broke its paging: page \d+ said more=true without a cursor/);
    } finally {
      await big.close();
    }
  });
});
