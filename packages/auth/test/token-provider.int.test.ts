import { simulatorConnection, startSimulator } from "@lumasnip/lumapps-sim";
import { useSimulator } from "@lumasnip/lumapps-sim/vitest";
import { describe, expect, it } from "vitest";
import {
  createTokenProvider,
  type LumAppsAuthError,
  type LumAppsConnectionInput,
  lumAppsConnection,
  type TokenProviderOptions,
} from "../src/index.ts";
import { closedPortUrl, everythingAbout, startHttpServer } from "./helpers.ts";

const sim = useSimulator();

const settings = (overrides: Partial<LumAppsConnectionInput> = {}) =>
  lumAppsConnection({ ...simulatorConnection(sim), applicationSecret: sim.app.secret, ...overrides });
const mints = () => sim.control.counters().requests.token ?? 0;
/** the provider reads the simulator's clock, so moving that clock ages tokens on both sides */
const simClock: TokenProviderOptions = { now: () => sim.control.now().getTime() };

async function authError(promise: Promise<unknown>): Promise<LumAppsAuthError> {
  try {
    await promise;
  } catch (error) {
    return error as LumAppsAuthError;
  }
  throw new Error("expected the token request to fail");
}

describe("the application-token provider against the simulator", () => {
  it("mints a token with the application's credentials and caches it", async () => {
    const tokens = createTokenProvider(settings());
    const first = await tokens.token();
    expect(first.split(".")).toHaveLength(3);
    expect(await tokens.token()).toBe(first);
    expect(await tokens.token()).toBe(first);
    expect(mints()).toBe(1);
  });

  it("acts as the user given by email too", async () => {
    const tokens = createTokenProvider(
      settings({ authorizedUserId: undefined, authorizedUserEmail: sim.serviceUser.email }),
    );
    expect(await tokens.token()).toBeTruthy();
  });

  it("shares one in-flight mint between concurrent callers", async () => {
    sim.control.addFault({ route: "token", kind: "latency", ms: 200, times: 1 });
    const tokens = createTokenProvider(settings());
    const all = await Promise.all(Array.from({ length: 25 }, () => tokens.token()));
    expect(new Set(all).size).toBe(1);
    expect(mints()).toBe(1);
  });

  it("renews an hour-long token in its last minute, not before", async () => {
    const tokens = createTokenProvider(settings(), simClock);
    const first = await tokens.token();
    sim.control.advanceClock((3600 - 61) * 1000);
    expect(await tokens.token()).toBe(first);
    sim.control.advanceClock(2000);
    const second = await tokens.token();
    expect(second).not.toBe(first);
    expect(mints()).toBe(2);
  });

  it("renews a short-lived token with a margin scaled to its lifetime", async () => {
    const shortSim = await startSimulator({ seed: "fixture", tokenTtlSeconds: 10 });
    try {
      const tokens = createTokenProvider(
        lumAppsConnection({
          organizationId: shortSim.org,
          applicationId: shortSim.app.applicationId,
          applicationSecret: shortSim.app.secret,
          authorizedUserId: shortSim.serviceUser.id,
          cell: shortSim.url,
        }),
        { now: () => shortSim.control.now().getTime() },
      );
      const first = await tokens.token();
      shortSim.control.advanceClock(8_500);
      expect(await tokens.token()).toBe(first);
      shortSim.control.advanceClock(700);
      expect(await tokens.token()).not.toBe(first);
    } finally {
      await shortSim.close();
    }
  });

  it("keeps using a still-valid token when its early renewal fails", async () => {
    const tokens = createTokenProvider(settings(), simClock);
    const first = await tokens.token();
    sim.control.advanceClock((3600 - 30) * 1000);
    sim.control.addFault({ route: "token", kind: "server-error", status: 503, times: 1 });
    expect(await tokens.token()).toBe(first);
    expect(await tokens.token()).not.toBe(first);
  });

  it("mints again after invalidate, once, and ignores invalidating a stale token", async () => {
    const tokens = createTokenProvider(settings());
    const first = await tokens.token();
    tokens.invalidate(first);
    const second = await tokens.token();
    expect(second).not.toBe(first);
    tokens.invalidate(first);
    expect(await tokens.token()).toBe(second);
    expect(mints()).toBe(2);
  });
});

describe("token errors name the setting to check", () => {
  it("a wrong secret: check applicationId and applicationSecret", async () => {
    const error = await authError(
      createTokenProvider(settings({ applicationSecret: "wrong-secret-value" })).token(),
    );
    expect(error.reason).toBe("bad_credentials");
    expect(error.settings).toContain("applicationSecret");
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/applicationSecret/);
    expect(error.callId).toMatch(/^[0-9a-f]+$/);
  });

  it("an unknown user: check authorizedUserId", async () => {
    const error = await authError(createTokenProvider(settings({ authorizedUserId: "123" })).token());
    expect(error.reason).toBe("bad_credentials");
    expect(error.settings).toEqual(["authorizedUserId"]);
  });

  it("a user the application may not act as: forbidden, check authorizedUserId", async () => {
    const notDelegated = sim.users.find((u) => u.impersonable === false)!;
    const error = await authError(
      createTokenProvider(settings({ authorizedUserId: notDelegated.id })).token(),
    );
    expect(error.reason).toBe("forbidden");
    expect(error.status).toBe(403);
    expect(error.message).toMatch(/authorizedUserId/);
  });

  it("a host that is not a LumApps cell (HTML, like the documentation site): check cell", async () => {
    const docs = await startHttpServer((_req, _body, res) => {
      res.writeHead(404, { "content-type": "text/html" }).end("<html><body>LumApps Developers</body></html>");
    });
    try {
      const error = await authError(createTokenProvider(settings({ cell: docs.url })).token());
      expect(error.reason).toBe("not_an_api_host");
      expect(error.settings).toContain("cell");
    } finally {
      await docs.close();
    }
  });

  it("an unreachable host: check cell", async () => {
    const error = await authError(createTokenProvider(settings({ cell: await closedPortUrl() })).token());
    expect(error.reason).toBe("unreachable");
    expect(error.settings).toEqual(["cell"]);
    expect(error.message).toMatch(/refused the connection/);
  });

  it("a cell that does not answer in time: unreachable, retryable", async () => {
    sim.control.addFault({ route: "token", kind: "latency", ms: 2000, times: 1 });
    const error = await authError(createTokenProvider(settings(), { timeoutMs: 200 }).token());
    expect(error.reason).toBe("unreachable");
    expect(error.context.timedOut).toBe(true);
    expect(error.retryable).toBe(true);
  });

  it("a rate-limited token endpoint: retryable, with the server's Retry-After", async () => {
    sim.control.addFault({ route: "token", kind: "rate-limit", retryAfter: 7, times: 1 });
    const error = await authError(createTokenProvider(settings()).token());
    expect(error.reason).toBe("unavailable");
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(7000);
  });
});

describe("the application secret", () => {
  const secret = "Sup3r-Secret/Value+With=Signs";
  const basic = (id: string) => Buffer.from(`${id}:${secret}`).toString("base64");

  it("appears in no error, cause chain or serialisation, whatever the failure", async () => {
    const echo = await startHttpServer((req, body, res) => {
      // a misbehaving proxy that echoes the request back in its error page
      res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "invalid_client", headers: req.headers, body, secret }));
    });
    try {
      const cells = [sim.url, echo.url, await closedPortUrl()];
      for (const cell of cells) {
        const error = await authError(
          createTokenProvider(settings({ cell, applicationSecret: secret }), { timeoutMs: 2000 }).token(),
        );
        const shown = everythingAbout(error);
        expect(shown).not.toContain(secret);
        expect(shown).not.toContain(encodeURIComponent(secret));
        expect(shown).not.toContain(basic(sim.app.applicationId));
      }
    } finally {
      await echo.close();
    }
  });
});
