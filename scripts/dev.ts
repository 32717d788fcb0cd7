// `pnpm dev`: the local stack. Replaced by the full orchestrator (scripts/dev/) as the apps land.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
if (process.argv.includes("--help")) {
  console.log("usage: pnpm dev\nStarts the local Kafka broker (unless KAFKA_BROKERS is set) and waits; Ctrl-C stops it.");
  process.exit(0);
}
const broker = resolve(root, "scripts/kafka/broker.sh");
if (!process.env.KAFKA_BROKERS) {
  const r = spawnSync("bash", [broker, "start"], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
console.log("lumasnip dev: broker up; press Ctrl-C to stop");
const stop = () => {
  if (!process.env.KAFKA_BROKERS) spawnSync("bash", [broker, "stop"], { stdio: "inherit" });
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
setInterval(() => {}, 1 << 30);
