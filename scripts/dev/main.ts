// `pnpm dev`: the whole pipeline locally — broker, topics, LumApps simulator with the demo seed and
// its change ticker, edge worker (wrangler dev, local KV), fetcher, snippetizer, publisher — started
// in order with readiness checks; a compact live status; Ctrl-C stops everything.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { cliArgs, usageError } from "../cli-args.ts";
import { quietToolEnv } from "../tool-env.ts";
import { createKey, keyWorks, runGc } from "./edge-admin.ts";
import { httpOk, type RunningService, startService, stopService } from "./processes.ts";
import { loadDevSecrets, saveDevSecrets } from "./state.ts";
import { startStatus } from "./status.ts";
import { ensureDevTopics, rewindDevPublisher } from "./topics.ts";

const HELP = `usage: pnpm dev [-- options]

Runs lumasnip locally on the shipped demo seed and prints the edge URL, a demo read key and curl lines.

  --config <file>     a fetcher config with real LumApps settings: fetch that instance instead of
                      the simulator (secrets from LUMAPPS_* env; docs/configuration.md)
  --ticker <ms>       simulator change interval (default 20000; 0 = off)
  --poll <s>          fetcher poll interval (default 5)
  --edge-port <n>     edge worker port (default 8787)
  --sim-port <n>      simulator port (default 8990)
  --fresh             forget the local state (edge KV, secrets) and re-publish every snippet set
                      into the new KV (the fetcher's state and the topics stay in Kafka)
  -h, --help          this text

Needs the local Kafka broker (JDK + Maven) unless KAFKA_BROKERS is set. Logs: .state/dev/logs/.
The stages' ops ports (9464-9466) move with FETCHER_OPS_PORT, SNIPPETIZER_OPS_PORT, PUBLISHER_OPS_PORT.`;

const { values: opts } = (() => {
  try {
    return parseArgs({
      args: cliArgs(),
      options: {
        config: { type: "string" },
        ticker: { type: "string", default: "20000" },
        poll: { type: "string", default: "5" },
        "edge-port": { type: "string", default: "8787" },
        "sim-port": { type: "string", default: "8990" },
        fresh: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    return usageError("dev", error);
  }
})();
if (opts.help) {
  console.log(HELP);
  process.exit(0);
}

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const stateDir = resolve(root, ".state/dev");
const logDir = resolve(stateDir, "logs");
const broker = resolve(root, "scripts/kafka/broker.sh");
const tty = process.stdout.isTTY;
const say = (msg: string) =>
  tty ? console.log(msg) : console.log(JSON.stringify({ level: "info", msg, service: "dev" }));

if (opts.fresh) spawnSync("rm", ["-rf", resolve(root, ".state/edge"), stateDir]);
mkdirSync(logDir, { recursive: true });

const running: RunningService[] = [];
let brokerStartedHere = false;
let stopping = false;
let stopStatus: (() => void) | undefined;
const register = (s: RunningService) => running.push(s);

async function stopAll(code: number): Promise<never> {
  if (stopping) process.exit(code);
  stopping = true;
  stopStatus?.();
  say("stopping...");
  for (const s of [...running].reverse()) await stopService(s);
  if (brokerStartedHere) spawnSync("bash", [broker, "stop"], { stdio: "inherit" });
  process.exit(code);
}
// SIGHUP too: a closed terminal or a dropped SSH session must not leave the stack running orphaned
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(sig, () => void stopAll(0));

try {
  await main();
} catch (error) {
  console.error(`dev: ${(error as Error).message}`);
  await stopAll(1);
}

async function main(): Promise<void> {
  const env: Record<string, string> = { ...quietToolEnv, LOG_LEVEL: process.env.LOG_LEVEL ?? "info" };
  // 1. the broker
  if (process.env.KAFKA_BROKERS) {
    env.KAFKA_BROKERS = process.env.KAFKA_BROKERS;
  } else {
    if (spawnSync("bash", [broker, "status"], { stdio: "ignore" }).status !== 0) {
      const r = spawnSync("bash", [broker, "start"], { stdio: "inherit" });
      if (r.status !== 0) throw new Error("the local Kafka broker did not start (see above)");
      brokerStartedHere = true;
    }
    env.KAFKA_BROKERS = `127.0.0.1:${process.env.KAFKA_PORT ?? "9092"}`;
  }
  // 2. the topics
  const topics = await ensureDevTopics(env.KAFKA_BROKERS);
  say(`topics ready (${topics.created.length} created, ${topics.existing.length} existing)`);
  if (opts.fresh) await rewindDevPublisher(env.KAFKA_BROKERS);

  // 3. the LumApps source: the simulator, unless a real config is given
  const secrets = loadDevSecrets(stateDir);
  const simPort = Number(opts["sim-port"]);
  let fetcherConfig = opts.config ? resolve(opts.config) : undefined;
  let fetcherSecret = process.env.LUMAPPS_APPLICATION_SECRET;
  if (!fetcherConfig) {
    await startService(
      {
        name: "lumapps-sim",
        cwd: resolve(root, "test/lumapps-sim"),
        args: ["src/main.ts", "--port", String(simPort), "--seed", "demo", "--ticker", String(opts.ticker)],
        env,
        ready: () => httpOk(`http://127.0.0.1:${simPort}/_sim/health`),
        ports: [simPort],
      },
      logDir,
      register,
    );
    const info = (await (await fetch(`http://127.0.0.1:${simPort}/_sim/info`)).json()) as SimInfo;
    fetcherConfig = writeSimFetcherConfig(simPort, info);
    fetcherSecret = info.secret;
    say(
      `LumApps simulator on http://127.0.0.1:${simPort} (demo seed, a change every ${Number(opts.ticker) / 1000}s)`,
    );
  }

  // 4. the edge worker under wrangler dev with local KV
  const edgePort = Number(opts["edge-port"]);
  const edgeUrl = `http://127.0.0.1:${edgePort}`;
  await startService(
    {
      name: "edge",
      cwd: resolve(root, "apps/edge"),
      args: [
        resolve(root, "apps/edge/node_modules/wrangler/bin/wrangler.js"),
        "dev",
        "--ip",
        "127.0.0.1",
        "--port",
        String(edgePort),
        "--persist-to",
        resolve(root, ".state/edge"),
        "--var",
        `ADMIN_SECRET:${secrets.adminSecret}`,
        "--var",
        `CURSOR_SECRET:${secrets.cursorSecret}`,
        "--show-interactive-dev-session=false",
      ],
      env,
      ready: () => httpOk(`${edgeUrl}/healthz`),
      ports: [edgePort],
      readyTimeoutMs: 90_000,
    },
    logDir,
    register,
  );
  say(`edge worker on ${edgeUrl}`);

  // 5. keys: a demo read key (every audience) and the publisher's write key, kept across runs
  if (!secrets.readKey || !(await keyWorks(edgeUrl, secrets.readKey, "/v1/tags/type:news/contents"))) {
    secrets.readKey = (
      await createKey(edgeUrl, secrets.adminSecret, {
        name: "demo-reader",
        audiences: ["*"],
        scopes: ["read"],
      })
    ).key;
  }
  if (!secrets.publisherKey) {
    secrets.publisherKey = (
      await createKey(edgeUrl, secrets.adminSecret, {
        name: "dev-publisher",
        audiences: ["*"],
        scopes: ["write"],
      })
    ).key;
  }
  saveDevSecrets(stateDir, secrets);

  // 6. the pipeline
  const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  const ports = {
    fetcher: port("FETCHER_OPS_PORT", 9464),
    snippetizer: port("SNIPPETIZER_OPS_PORT", 9465),
    publisher: port("PUBLISHER_OPS_PORT", 9466),
  };
  // one push per service: a later one failing to start must not orphan an earlier one
  await startService(
    {
      name: "snippetizer",
      cwd: resolve(root, "apps/snippetizer"),
      args: ["src/main.ts", "run"],
      env: { ...env, SNIPPETIZER_OPS_PORT: String(ports.snippetizer) },
      ready: () => httpOk(`http://127.0.0.1:${ports.snippetizer}/healthz`),
      ports: [ports.snippetizer],
    },
    logDir,
    register,
  );
  await startService(
    {
      name: "publisher",
      cwd: resolve(root, "apps/snippetizer"),
      args: ["src/main.ts", "publish"],
      env: {
        ...env,
        PUBLISHER_EDGE_URL: edgeUrl,
        PUBLISHER_EDGE_KEY: secrets.publisherKey,
        PUBLISHER_OPS_PORT: String(ports.publisher),
      },
      ready: () => httpOk(`http://127.0.0.1:${ports.publisher}/healthz`),
      ports: [ports.publisher],
    },
    logDir,
    register,
  );
  await startService(
    {
      name: "fetcher",
      cwd: resolve(root, "apps/fetcher"),
      args: ["src/main.ts", "run", "--config", fetcherConfig],
      env: {
        ...env,
        ...(fetcherSecret ? { LUMAPPS_APPLICATION_SECRET: fetcherSecret } : {}),
        FETCHER_OPS_PORT: String(ports.fetcher),
      },
      ready: () => httpOk(`http://127.0.0.1:${ports.fetcher}/healthz`),
      ports: [ports.fetcher],
      readyTimeoutMs: 120_000,
    },
    logDir,
    register,
  );

  printWelcome(edgeUrl, secrets.readKey, await firstExample(edgeUrl, secrets.readKey));
  const gcTimer = setInterval(() => void runGc(edgeUrl, secrets.publisherKey!).catch(() => {}), 60_000);
  gcTimer.unref();
  stopStatus = startStatus({ ports, tty, say });
  // a service that dies takes the stack down with a pointer to its log
  await Promise.race(
    running.map((s) =>
      s.exited.then((code) => {
        if (!stopping) throw new Error(`${s.spec.name} exited (code ${code}); see ${s.logFile}`);
      }),
    ),
  );
}

interface SimInfo {
  org: string;
  applicationId: string;
  secret: string;
  serviceUser: { id: string };
}

function writeSimFetcherConfig(simPort: number, info: SimInfo): string {
  const file = resolve(stateDir, "fetcher.config.json");
  const config = {
    topicPrefix: "lumasnip",
    sources: [
      {
        sourceId: "demo",
        lumapps: {
          organizationId: info.org,
          applicationId: info.applicationId,
          authorizedUserId: info.serviceUser.id,
          cell: `http://127.0.0.1:${simPort}`,
          platformAddress: "https://intranet.example.com",
        },
        sites: "all",
        pollIntervalSeconds: Number(opts.poll),
        reconcileIntervalSeconds: 60,
      },
    ],
  };
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}

interface Example {
  key: string;
  lang: string;
  snippetId: string;
  tag: string;
}

/** Waits (up to 2 minutes) for the first published content, so the curl lines use real ids. */
async function firstExample(edgeUrl: string, readKey: string): Promise<Example | undefined> {
  const get = async (path: string) => {
    const res = await fetch(`${edgeUrl}${path}`, { headers: { authorization: `Bearer ${readKey}` } });
    return res.ok ? ((await res.json()) as Record<string, unknown>) : undefined;
  };
  const deadline = Date.now() + 120_000;
  say("waiting for the first contents to reach the edge...");
  while (Date.now() < deadline && !stopping) {
    for (const tag of ["type:news", "type:page"]) {
      const list = await get(`/v1/tags/${tag}/contents?limit=1`).catch(() => undefined);
      const key = (list?.items as { key: string }[] | undefined)?.[0]?.key;
      if (!key) continue;
      const manifest = await get(`/v1/contents/${key}`).catch(() => undefined);
      const langs = manifest?.languages as { lang: string; snippetIds: string[] }[] | undefined;
      const first = langs?.find((l) => l.snippetIds.length > 0);
      if (first) return { key, lang: first.lang, snippetId: first.snippetIds[0]!, tag };
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  return undefined;
}

function printWelcome(edgeUrl: string, readKey: string, ex: Example | undefined): void {
  const h = `-H "Authorization: Bearer ${readKey}"`;
  const lines = [
    "",
    "lumasnip is running.",
    `  edge:      ${edgeUrl}   (API: ${edgeUrl}/openapi.json)`,
    `  read key:  ${readKey}   (audiences *, kept in .state/dev/secrets.json)`,
    `  logs:      ${logDir}/`,
    "",
    "Try:",
    `  curl -s ${h} "${edgeUrl}/v1/contents/${ex?.key ?? "<content key>"}/snippets?lang=${ex?.lang ?? "en"}"`,
    `  curl -s ${h} "${edgeUrl}/v1/snippets/${ex?.snippetId ?? "<snippet id>"}"`,
    `  curl -s ${h} "${edgeUrl}/v1/tags/${ex?.tag ?? "type:news"}/contents?limit=5"`,
    "",
    "Ctrl-C stops everything; running it again resumes from the saved state.",
    "",
  ];
  for (const l of lines) console.log(l);
}
