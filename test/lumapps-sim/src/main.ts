// The simulator as a process: `node src/main.ts --help`.
import { z } from "zod";
import { type CliConfig, parseCli, usage } from "./config.ts";
import { buildSeed } from "./seed-builder/build-seed.ts";
import { startSimulator } from "./simulator.ts";

const log = (line: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);

let config: CliConfig;
try {
  const parsed = parseCli(process.argv.slice(2));
  if (parsed === "help") {
    console.log(usage);
    process.exit(0);
  }
  config = parsed;
} catch (error) {
  console.error(
    error instanceof z.ZodError
      ? z.prettifyError(error)
      : String(error instanceof Error ? error.message : error),
  );
  console.error("run with --help for the options");
  process.exit(2);
}

const seed = config.seed === "corpus" ? buildSeed({ corpusDir: config.corpus }) : config.seed;
const sim = await startSimulator({
  seed,
  scale: config.scale,
  port: config.port,
  host: config.host,
  tokenTtlSeconds: config.tokenTtl,
  latencyMs: config.latency,
  widgetRights: config.widgetRights,
  ticker: config.ticker > 0 ? { intervalMs: config.ticker } : false,
  log,
});
const admin = sim.users.find((u) => u.admin);
console.log(`LumApps simulator on ${sim.url}
  cell (Haussmann) URL   ${sim.url}
  organization id        ${sim.org}
  application id         ${sim.app.applicationId}
  application secret     ${sim.app.secret}
  authorized user id     ${sim.serviceUser.id} (${sim.serviceUser.email}, groups ${sim.serviceUser.groups.join(", ")})
  admin user id          ${admin?.id ?? "-"}
  contents               ${sim.control.contents().length} on ${sim.control.instances().length} sites
  control API            ${sim.url}/_sim/info  (faults, changes, counters: see README)`);
log({
  msg: "simulator started",
  url: sim.url,
  org: sim.org,
  contents: sim.control.contents().length,
  ticker: config.ticker,
});

const stop = async (signal: string) => {
  log({ msg: "simulator stopping", signal });
  await sim.close();
  process.exit(0);
};
process.once("SIGINT", () => void stop("SIGINT"));
process.once("SIGTERM", () => void stop("SIGTERM"));
