import { useSimulator } from "@lumasnip/lumapps-sim/vitest";
import { describe, expect, it } from "vitest";
import {
  collectItems,
  createLumAppsClient,
  LumAppsAuthError,
  type LumAppsClientOptions,
  LumAppsHttpError,
  LumAppsNetworkError,
  LumAppsTimeoutError,
} from "../src/index.ts";
import { connectionFor, recordedSleep, startRecordingServer } from "./support.ts";

const sim = useSimulator();

const requests = (route: string) => sim.control.counters().requests[route] ?? 0;
const statuses = (route: string) => sim.control.counters().statuses[route] ?? {};
const mints = () => requests("token");
const listing = { action: "PAGE_READ", maxResults: 100 };

function client(options: Partial<LumAppsClientOptions> = {}) {
  const slept = recordedSleep();
  const c = createLumAppsClient({
    connection: connectionFor(sim),
    requestsPerSecond: 0,
    sleep: slept.sleep,
    ...options,
  });
  return Object.assign(c, { waits: slept.waits });
}

describe("retries", () => {
  it("waits what Retry-After (seconds) asks, then succeeds", async () => {
    sim.control.addFault({ route: "content/list", kind: "rate-limit", retryAfter: 3, times: 1 });
    const c = client();
    expect((await collectItems(c.listContent(listing))).length).toBeGreaterThan(0);
    expect(c.waits).toEqual([3000]);
    expect(statuses("content/list")).toMatchObject({ 429: 1, 200: 1 });
  });

  it("waits what Retry-After as an HTTP date asks", async () => {
    const at = new Date(Date.now() + 5000).toUTCString();
    sim.control.addFault({ route: "content/list", kind: "rate-limit", retryAfter: at, times: 1 });
    const c = client();
    await collectItems(c.listContent(listing));
    expect(c.waits).toHaveLength(1);
    expect(c.waits[0]).toBeGreaterThan(3000);
    expect(c.waits[0]).toBeLessThanOrEqual(5000);
  });

  it("really sleeps for Retry-After when no sleep is injected", async () => {
    sim.control.addFault({ route: "instance/list", kind: "rate-limit", retryAfter: 1, times: 1 });
    const started = performance.now();
    await collectItems(
      createLumAppsClient({ connection: connectionFor(sim), requestsPerSecond: 0 }).listSites(),
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
  });

  it("backs off exponentially with jitter on 5xx without Retry-After", async () => {
    sim.control.addFault({ route: "content/list", kind: "server-error", status: 502, times: 3 });
    const c = client({ random: () => 0.5 });
    await collectItems(c.listContent(listing));
    expect(c.waits).toEqual([375, 750, 1500]);
    expect(requests("content/list")).toBe(4);
  });

  it("gives up after five tries with the last error, its status and call id", async () => {
    sim.control.addFault({ route: "content/list", kind: "server-error", status: 503 });
    const c = client();
    const error = await collectItems(c.listContent(listing)).catch((e) => e);
    expect(error).toBeInstanceOf(LumAppsHttpError);
    expect(error.status).toBe(503);
    expect(error.retryable).toBe(true);
    expect(error.callId).toMatch(/^[0-9a-f]{24}$/);
    expect(error.context.attempts).toBe(5);
    expect(requests("content/list")).toBe(5);
    expect(c.waits).toHaveLength(4);
  });

  it("gives up at once when the server asks for a wait beyond the total budget", async () => {
    sim.control.addFault({ route: "content/list", kind: "rate-limit", retryAfter: 50 });
    const c = client({ retry: { totalBudgetMs: 30_000 } });
    const error = await collectItems(c.listContent(listing)).catch((e) => e);
    expect(error.status).toBe(429);
    expect(c.waits).toEqual([]);
    expect(requests("content/list")).toBe(1);
  });

  it("caps a long Retry-After at 60 seconds", async () => {
    sim.control.addFault({ route: "content/list", kind: "rate-limit", retryAfter: 600, times: 1 });
    const c = client();
    await collectItems(c.listContent(listing));
    expect(c.waits).toEqual([60_000]);
  });

  it("retries a connection reset", async () => {
    sim.control.addFault({ route: "content/list", kind: "reset", times: 2 });
    const c = client();
    expect((await collectItems(c.listContent(listing))).length).toBeGreaterThan(0);
    expect(c.waits).toHaveLength(2);
  });

  it("reports a reset that does not go away as a network error", async () => {
    sim.control.addFault({ route: "instance/list", kind: "reset" });
    const error = await collectItems(client({ retry: { maxAttempts: 2 } }).listSites()).catch((e) => e);
    expect(error).toBeInstanceOf(LumAppsNetworkError);
    expect(error.retryable).toBe(true);
  });

  it.each([
    ["400", { action: "NOT_AN_ACTION" }, 400],
    ["403", { action: undefined }, 403],
  ])("does not retry a %s", async (_name, query, status) => {
    const c = client();
    const error = await collectItems(c.listContent({ ...listing, ...query })).catch((e) => e);
    expect(error).toBeInstanceOf(LumAppsHttpError);
    expect(error.status).toBe(status);
    expect(error.retryable).toBe(false);
    expect(error.callId).toBeTruthy();
    expect(requests("content/list")).toBe(1);
    expect(c.waits).toEqual([]);
  });

  it("does not retry a 404", async () => {
    const c = client();
    expect(await c.getContent("404404404")).toBeUndefined();
    expect(requests("content/get")).toBe(1);
  });
});

describe("timeouts", () => {
  it("times out a slow list call and retries it", async () => {
    sim.control.addFault({ route: "content/list", kind: "latency", ms: 1500, times: 1 });
    const c = client({ timeouts: { listMs: 300 } });
    expect((await collectItems(c.listContent(listing))).length).toBeGreaterThan(0);
    expect(c.waits).toHaveLength(1);
  });

  it("times out a body that trickles out too slowly", async () => {
    sim.control.addFault({ route: "instance/list", kind: "slow-page", ms: 1500 });
    const error = await collectItems(
      client({ timeouts: { defaultMs: 300 }, retry: { maxAttempts: 2 } }).listSites(),
    ).catch((e) => e);
    expect(error).toBeInstanceOf(LumAppsTimeoutError);
    expect(error.context).toMatchObject({ timeoutMs: 300, attempts: 2 });
  });
});

describe("tokens and 401", () => {
  it("re-mints once and retries once after a 401", async () => {
    const seen: (number | string)[] = [];
    const c = client({ hooks: { onRequest: (_route, status) => seen.push(status) } });
    await collectItems(c.listSites());
    sim.control.revokeTokens();
    await collectItems(c.listSites());
    expect(mints()).toBe(2);
    expect(statuses("instance/list")).toMatchObject({ 401: 1, 200: 2 });
    expect(seen).toEqual([200, 401, 200]);
  });

  it("re-mints once for many concurrent requests that met the same 401", async () => {
    const c = client();
    await collectItems(c.listSites());
    sim.control.revokeTokens();
    const id = sim.control.contents().find((x) => x.status === "LIVE" && x.feedKeys.length === 0)!.id;
    await Promise.all(Array.from({ length: 10 }, () => c.getContent(id)));
    expect(mints()).toBe(2);
  });

  it("never re-mints on a 429", async () => {
    const c = client();
    await collectItems(c.listSites());
    sim.control.addFault({ route: "instance/list", kind: "rate-limit", retryAfter: 0, times: 3 });
    await collectItems(c.listSites());
    expect(mints()).toBe(1);
    expect(statuses("instance/list")).toMatchObject({ 429: 3, 200: 2 });
  });

  it("treats a second 401 as a credentials error, without more tries", async () => {
    const refusing = await startRecordingServer({
      forwardTo: sim.url,
      answer: (req) =>
        req.url.pathname.includes("/_ah/api/") ? { status: 401, body: { error: { code: 401 } } } : undefined,
    });
    try {
      const c = client({ connection: connectionFor(sim, { cell: refusing.url }) });
      const error = await collectItems(c.listSites()).catch((e) => e);
      expect(error).toBeInstanceOf(LumAppsAuthError);
      expect(error.reason).toBe("token_rejected");
      expect(refusing.requests.filter((r) => r.url.pathname.includes("instance/list"))).toHaveLength(2);
      expect(mints()).toBe(2);
    } finally {
      await refusing.close();
    }
  });

  it("retries a token endpoint that is briefly unavailable", async () => {
    sim.control.addFault({ route: "token", kind: "server-error", times: 2 });
    const c = client();
    await collectItems(c.listSites());
    expect(c.waits).toHaveLength(2);
  });

  it("fails without retrying when the credentials are wrong", async () => {
    const c = client({ connection: connectionFor(sim, { applicationSecret: "not-the-secret" }) });
    const error = await collectItems(c.listSites()).catch((e) => e);
    expect(error).toBeInstanceOf(LumAppsAuthError);
    expect(error.reason).toBe("bad_credentials");
    expect(mints()).toBe(1);
  });
});

describe("request rate", () => {
  it("spaces one source's requests at its rate", async () => {
    const c = createLumAppsClient({ connection: connectionFor(sim), requestsPerSecond: 5 });
    await collectItems(c.listSites()); // spends a token of the bucket
    const started = performance.now();
    await Promise.all(Array.from({ length: 10 }, () => collectItems(c.listSites())));
    // a burst of 5 at most, then 5 per second: 10 more requests need at least ~1.2 s
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
  });
});

describe("hooks", () => {
  it("reports every exchange with its route, status and duration, and every retry", async () => {
    sim.control.addFault({ route: "instance/list", kind: "server-error", times: 1 });
    const seen: [string, number | string][] = [];
    const retries: [string, number][] = [];
    const c = client({
      hooks: {
        onRequest: (route, status, ms) => {
          expect(ms).toBeGreaterThanOrEqual(0);
          seen.push([route, status]);
        },
        onRetry: (route, attempt) => retries.push([route, attempt]),
      },
    });
    await collectItems(c.listSites());
    expect(seen).toEqual([
      ["instance/list", 503],
      ["instance/list", 200],
    ]);
    expect(retries).toEqual([["instance/list", 1]]);
  });
});
