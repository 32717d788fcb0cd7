import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../src/index.ts";
import { basicAuth, get, mintToken, requestToken } from "./helpers.ts";

describe("the application-token endpoint", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: "fixture" });
  });
  afterAll(() => sim.close());

  const grant = (user: Record<string, string>) => ({ grant_type: "client_credentials", ...user });

  it("mints a JWT with expires_in for the authorized user, by id or by email", async () => {
    const users: Record<string, string>[] = [
      { user_id: sim.serviceUser.id },
      { user_email: sim.serviceUser.email },
    ];
    for (const user of users) {
      const res = await requestToken(sim, grant(user));
      expect(res.status).toBe(200);
      expect(res.headers.get("lumapps-call-id")).toMatch(/^[0-9a-f]{24}$/);
      const body = (await res.json()) as Record<string, unknown>;
      expect(String(body.access_token).split(".")).toHaveLength(3);
      expect(body.expires_in).toBe(3600);
      expect(body).not.toHaveProperty("refresh_token");
    }
  });

  it("answers 401 in the v2 error shape to a wrong secret, a missing Basic header or another organization", async () => {
    const wrongSecret = await requestToken(
      sim,
      grant({ user_id: sim.serviceUser.id }),
      basicAuth(sim.app.applicationId, "nope"),
    );
    expect(wrongSecret.status).toBe(401);
    const body = (await wrongSecret.json()) as { errors: { code: string; status: string; title: string }[] };
    expect(body.errors[0]).toMatchObject({ code: "UNAUTHORIZED", status: "401" });
    expect(wrongSecret.headers.get("lumapps-call-id")).toBeTruthy();
    expect((await requestToken(sim, grant({ user_id: sim.serviceUser.id }), "")).status).toBe(401);
    expect((await requestToken(sim, grant({ user_id: sim.serviceUser.id }), undefined, "123")).status).toBe(
      401,
    );
  });

  it("answers 400 to a wrong grant type, a missing or unknown user, and a JSON body", async () => {
    expect((await requestToken(sim, { grant_type: "password", user_id: sim.serviceUser.id })).status).toBe(
      400,
    );
    expect((await requestToken(sim, { grant_type: "client_credentials" })).status).toBe(400);
    expect((await requestToken(sim, grant({ user_id: "999" }))).status).toBe(400);
    const json = await fetch(`${sim.url}/v2/organizations/${sim.org}/application-token`, {
      method: "POST",
      headers: {
        authorization: basicAuth(sim.app.applicationId, sim.app.secret),
        "content-type": "application/json",
      },
      body: JSON.stringify(grant({ user_id: sim.serviceUser.id })),
    });
    expect(json.status).toBe(400);
  });

  it("answers 403 for a user the application may not act as", async () => {
    const blocked = sim.users.find((u) => u.impersonable === false)!;
    const res = await requestToken(sim, grant({ user_id: blocked.id }));
    expect(res.status).toBe(403);
  });

  it("requires a valid bearer token on every API route", async () => {
    const res = await fetch(`${sim.url}/_ah/api/lumsites/v1/instance/list`);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const body = (await res.json()) as { error: { code: number; message: string } };
    expect(body.error.code).toBe(401);
    const token = await mintToken(sim);
    expect((await get(sim, token, "instance/list")).status).toBe(200);
  });

  it("rejects forged tokens: a changed payload, a changed signature, or one from another simulator", async () => {
    const token = await mintToken(sim);
    const [head, payload, sig] = token.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const admin = sim.users.find((u) => u.admin)!;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: admin.id })).toString("base64url");
    expect((await get(sim, `${head}.${forged}.${sig}`, "instance/list")).status).toBe(401);
    expect((await get(sim, `${head}.${payload}.${sig.slice(0, -4)}AAAA`, "instance/list")).status).toBe(401);
    expect((await get(sim, "not-a-jwt", "instance/list")).status).toBe(401);
    const other = await startSimulator({ seed: "fixture" });
    try {
      expect((await get(sim, await mintToken(other), "instance/list")).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it("expires tokens after their lifetime and revokes them on demand", async () => {
    const short = await startSimulator({ seed: "fixture", tokenTtlSeconds: 60 });
    try {
      const token = await mintToken(short);
      expect((await get(short, token, "instance/list")).status).toBe(200);
      short.control.advanceClock(61_000);
      const expired = await get(short, token, "instance/list");
      expect(expired.status).toBe(401);
      expect(((await expired.json()) as { error: { message: string } }).error.message).toMatch(/expired/);
      const fresh = await mintToken(short);
      expect((await get(short, fresh, "instance/list")).status).toBe(200);
      short.control.revokeTokens();
      expect((await get(short, fresh, "instance/list")).status).toBe(401);
      expect((await get(short, await mintToken(short), "instance/list")).status).toBe(200);
      expect(short.control.counters().tokensMinted).toBe(3);
    } finally {
      await short.close();
    }
  });

  it("expires tokens in real time with a short lifetime", async () => {
    const short = await startSimulator({ seed: "fixture", tokenTtlSeconds: 0.3 });
    try {
      const token = await mintToken(short);
      expect((await get(short, token, "instance/list")).status).toBe(200);
      await new Promise((r) => setTimeout(r, 400));
      expect((await get(short, token, "instance/list")).status).toBe(401);
    } finally {
      await short.close();
    }
  });
});
