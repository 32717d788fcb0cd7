// biome-ignore-all lint/suspicious/noExplicitAny: the tests read JSON answers loosely, as a client sees them
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../src/index.ts";
import { control, get, mintToken, post, requestToken } from "./helpers.ts";

describe("faults on demand", () => {
  let sim: RunningSimulator;
  let admin: string;
  beforeAll(async () => {
    sim = await startSimulator({ seed: "fixture", randomSeed: 7 });
    admin = await mintToken(sim, sim.users.find((u) => u.admin)!);
  });
  afterEach(() => {
    sim.control.clearFaults();
    sim.control.resetCounters();
  });
  afterAll(() => sim.close());

  const list = (body: Record<string, unknown> = {}) =>
    post(sim, admin, "content/list", { maxResults: 5, ...body });

  it("delays responses of one route by the given latency", async () => {
    sim.control.addFault({ route: "content/list", kind: "latency", ms: 300, times: 1 });
    let t = Date.now();
    expect((await list()).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(290);
    t = Date.now();
    await get(sim, admin, "instance/list");
    await list();
    expect(Date.now() - t).toBeLessThan(290);
  });

  it("answers 5xx a given number of times, then recovers, and counts each answer", async () => {
    sim.control.addFault({ route: "content/list", kind: "server-error", status: 502, times: 2 });
    expect((await list()).status).toBe(502);
    const second = await list();
    expect(second.status).toBe(502);
    expect(((await second.json()) as any).error.code).toBe(502);
    expect((await list()).status).toBe(200);
    const counters = sim.control.counters();
    expect(counters.requests["content/list"]).toBe(3);
    expect(counters.statuses["content/list"]).toEqual({ 502: 2, 200: 1 });
  });

  it("answers 429 with Retry-After in seconds, as an HTTP date, or without it", async () => {
    sim.control.addFault({ route: "content/list", kind: "rate-limit", retryAfter: 7, times: 1 });
    let res = await list();
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    const date = new Date(Date.now() + 5000).toUTCString();
    sim.control.addFault({ route: "content/list", kind: "rate-limit", retryAfter: date, times: 1 });
    res = await list();
    expect(res.headers.get("retry-after")).toBe(date);
    sim.control.addFault({ route: "content/list", kind: "rate-limit", retryAfter: null, times: 1 });
    res = await list();
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBeNull();
  });

  it("resets the connection without an answer", async () => {
    sim.control.addFault({ route: "content/get", kind: "reset", times: 1 });
    const uid = sim.control.contents()[0]!.id;
    await expect(get(sim, admin, "content/get", { uid })).rejects.toThrow();
    expect((await get(sim, admin, "content/get", { uid })).status).toBe(200);
  });

  it("trickles a slow page out over the given time, complete and valid", async () => {
    sim.control.addFault({ route: "content/list", kind: "slow-page", ms: 500, times: 1 });
    const t = Date.now();
    const res = await list();
    const headersAfter = Date.now() - t;
    const body = (await res.json()) as any;
    expect(headersAfter).toBeLessThan(400);
    expect(Date.now() - t).toBeGreaterThanOrEqual(400);
    expect(body.items.length).toBe(5);
  });

  it("breaks a cursor mid-listing: more without cursor, the same cursor again, or a 400", async () => {
    const first = (await (await list()).json()) as any;
    sim.control.addFault({ route: "content/list", kind: "break-cursor", mode: "missing", times: 1 });
    // the fault waits for a request that carries a cursor: the first page is not touched
    expect(((await (await list()).json()) as any).cursor).toBeTruthy();
    const missing = (await (await list({ cursor: first.cursor })).json()) as any;
    expect(missing.more).toBe(true);
    expect(missing).not.toHaveProperty("cursor");
    sim.control.addFault({ route: "content/list", kind: "break-cursor", mode: "repeat", times: 1 });
    const repeat = (await (await list({ cursor: first.cursor })).json()) as any;
    expect(repeat.cursor).toBe(first.cursor);
    sim.control.addFault({ route: "content/list", kind: "break-cursor", mode: "invalid", times: 1 });
    expect((await list({ cursor: first.cursor })).status).toBe(400);
    expect((await list({ cursor: first.cursor })).status).toBe(200);
  });

  it("skips the first matching requests, and hits by rate", async () => {
    sim.control.addFault({ route: "instance/list", kind: "server-error", skip: 2, times: 1 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(sim, admin, "instance/list")).status);
    expect(statuses).toEqual([200, 200, 503, 200]);
    sim.control.addFault({ route: "instance/list", kind: "server-error", rate: 0.5 });
    let errors = 0;
    for (let i = 0; i < 40; i++) if ((await get(sim, admin, "instance/list")).status === 503) errors++;
    expect(errors).toBeGreaterThan(5);
    expect(errors).toBeLessThan(35);
  });

  it("applies a fault on every route with *, the token endpoint included", async () => {
    sim.control.addFault({ route: "*", kind: "server-error", times: 2 });
    expect(
      (await requestToken(sim, { grant_type: "client_credentials", user_id: sim.serviceUser.id })).status,
    ).toBe(503);
    const tokenError = await get(sim, admin, "metadata/list");
    expect(tokenError.status).toBe(503);
    expect((await get(sim, admin, "metadata/list")).status).toBe(200);
  });

  it("is driven over HTTP under /_sim/: add, list, remove faults and read counters", async () => {
    const bad = await control(sim, "POST", "faults", { route: "content/list", kind: "explode" });
    expect(bad.status).toBe(400);
    const added = await control(sim, "POST", "faults", {
      route: "content/list",
      kind: "server-error",
      times: 5,
    });
    expect(added.body.id).toBeTruthy();
    expect((await control(sim, "GET", "faults")).body).toHaveLength(1);
    expect((await list()).status).toBe(503);
    expect((await control(sim, "DELETE", `faults/${added.body.id}`)).status).toBe(200);
    expect((await list()).status).toBe(200);
    const counters = await control(sim, "GET", "counters");
    expect(counters.body.requests["content/list"]).toBe(2);
    await control(sim, "POST", "counters/reset");
    expect((await control(sim, "GET", "counters")).body.requests).toEqual({});
    await control(sim, "POST", "faults", { route: "content/list", kind: "server-error" });
    await control(sim, "DELETE", "faults");
    expect((await list()).status).toBe(200);
  });
});
