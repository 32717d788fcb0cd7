// Runs a command with a Kafka broker: the one in KAFKA_BROKERS, or the local one, started here
// and stopped afterwards (the only place tests get a broker from: DESIGN.md).
// usage: node scripts/with-broker.ts <command> [args...]
import { spawn, spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { quietToolEnv } from "./tool-env.ts";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const broker = resolve(root, "scripts/kafka/broker.sh");
const [command, ...args] = process.argv.slice(2);
if (!command || command === "--help" || command === "-h") {
  console.log(
    "usage: node scripts/with-broker.ts <command> [args...]\n" +
      "Starts the local Kafka broker unless KAFKA_BROKERS is set, runs the command with KAFKA_BROKERS, stops the broker.",
  );
  process.exit(command ? 0 : 2);
}

const env = { ...process.env, ...quietToolEnv };
let startedHere = false;
if (!env.KAFKA_BROKERS) {
  const alreadyUp = spawnSync("bash", [broker, "status"], { stdio: "ignore" }).status === 0;
  if (!alreadyUp) {
    const started = spawnSync("bash", [broker, "start"], { stdio: "inherit" });
    if (started.status !== 0) process.exit(started.status ?? 1);
    startedHere = true;
  }
  env.KAFKA_BROKERS = `127.0.0.1:${env.KAFKA_PORT ?? "9092"}`;
}

function stopBroker(): void {
  if (startedHere) spawnSync("bash", [broker, "stop"], { stdio: "inherit" });
}

const child = spawn(command, args, { stdio: "inherit", env, detached: false });
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", (code, signal) => {
  stopBroker();
  process.exit(code ?? (signal ? 1 : 0));
});
