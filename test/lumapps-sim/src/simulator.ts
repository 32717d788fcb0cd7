import type { AddressInfo } from "node:net";
import { createControl, type SimControl } from "./control.ts";
import { createFixtureSeed } from "./fixture-seed.ts";
import { defaultApp, defaultOrg, defaultUsers } from "./groups.ts";
import { scaleSeed } from "./scale.ts";
import { demoSeedDir, readSeedDir } from "./seed-io.ts";
import type { SimSettings } from "./server/context.ts";
import { createCounters } from "./server/counters.ts";
import { createFaults } from "./server/faults.ts";
import { createSimServer } from "./server/server.ts";
import { createTokens } from "./server/tokens.ts";
import { createStore } from "./store/store.ts";
import type { TickerOptions } from "./ticker.ts";
import type { Seed, SimApp, SimUser } from "./types.ts";

export interface SimulatorOptions {
  /** a seed object, a seed directory, "demo" (the shipped seed, default) or "fixture" (synthetic) */
  seed?: Seed | string;
  /** multiply the seed's contents to this many items (copies with new ids and dates) */
  scale?: number;
  /** 0 (default): a random free port */
  port?: number;
  host?: string;
  /** default: the seed's customer id */
  org?: string;
  /** lifetime of access tokens, seconds (default 3600; fractions allowed for tests) */
  tokenTtlSeconds?: number;
  app?: SimApp;
  /** the organization's users the application may act as (default: groups.ts defaultUsers) */
  users?: SimUser[];
  /** latency added to every API response, ms */
  latencyMs?: number;
  /** widgets outside the user's groups: returned as is (default, see README) or cut out */
  widgetRights?: "return" | "strip";
  /** start the change ticker at once */
  ticker?: TickerOptions | false;
  /** seed of the PRNG behind fault rates */
  randomSeed?: number;
  /** one JSON line per event (ticker changes); default: silent */
  log?: (line: Record<string, unknown>) => void;
}

export interface RunningSimulator {
  /** the cell URL, e.g. http://127.0.0.1:40123 (v1 under /_ah/api/lumsites/v1/, v2 under /v2/) */
  url: string;
  port: number;
  org: string;
  app: SimApp;
  users: SimUser[];
  /** the non-admin service user (the first non-admin, impersonable user) */
  serviceUser: SimUser;
  control: SimControl;
  close(): Promise<void>;
}

export function loadSeed(seed: Seed | string | undefined, scale?: number): Seed {
  let loaded: Seed;
  if (seed === undefined || seed === "demo") loaded = readSeedDir(demoSeedDir);
  else if (seed === "fixture") loaded = createFixtureSeed();
  else if (typeof seed === "string") loaded = readSeedDir(seed);
  else loaded = seed;
  return scale ? scaleSeed(loaded, scale) : loaded;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const seed = loadSeed(options.seed, options.scale);
  const store = createStore(seed);
  const settings: SimSettings = {
    org: options.org ?? seed.customer ?? defaultOrg,
    app: options.app ?? defaultApp,
    users: options.users ?? defaultUsers,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    latencyMs: options.latencyMs ?? 0,
    widgetRights: options.widgetRights ?? "return",
  };
  const log = options.log ?? (() => {});
  const tokens = createTokens({ ttlSeconds: settings.tokenTtlSeconds, nowMs: store.clock.nowMs });
  const faults = createFaults(options.randomSeed);
  const counters = createCounters();
  const control = createControl({ store, faults, counters, tokens, log });
  const serviceUser = settings.users.find((u) => !u.admin && u.impersonable !== false) ?? settings.users[0]!;
  let url = "";
  const info = () => ({
    url,
    org: settings.org,
    applicationId: settings.app.applicationId,
    secret: settings.app.secret,
    serviceUser,
    users: settings.users,
    tokenTtlSeconds: settings.tokenTtlSeconds,
    contents: store.contents.size,
    sites: store.instances.map((s) => ({ id: s.id, name: s.name, langs: s.langs })),
  });
  const server = createSimServer({ store, settings, tokens, faults, counters, control, info });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  if (options.ticker) control.startTicker(options.ticker);
  return {
    url,
    port,
    org: settings.org,
    app: settings.app,
    users: settings.users,
    serviceUser,
    control,
    async close() {
      control.stopTicker();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
