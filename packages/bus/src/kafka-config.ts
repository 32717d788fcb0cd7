import { ConfigError, secretFrom } from "@lumasnip/service";
import { Kafka, type KafkaConfig, logLevel, type SASLOptions } from "kafkajs";

export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  ssl: boolean;
  sasl?: { mechanism: "plain" | "scram-sha-256" | "scram-sha-512"; username: string; password: string };
}

export class KafkaConfigError extends Error {
  override name = "KafkaConfigError";
}

const MECHANISMS = ["plain", "scram-sha-256", "scram-sha-512"] as const;

// a typo must not mean plaintext (with SASL, a password in clear): only these words are read
const SSL_VALUES: Record<string, boolean> = {
  "": false,
  true: true,
  "1": true,
  yes: true,
  false: false,
  "0": false,
  no: false,
};

function sslFrom(raw: string | undefined): boolean {
  const value = SSL_VALUES[(raw ?? "").trim().toLowerCase()];
  if (value === undefined) throw new KafkaConfigError("KAFKA_SSL must be true or false (also 1/0, yes/no)");
  return value;
}

function passwordFrom(env: NodeJS.ProcessEnv): string | undefined {
  let password: string | undefined;
  try {
    password = secretFrom(env, "KAFKA_SASL_PASSWORD");
  } catch (error) {
    if (error instanceof ConfigError) throw new KafkaConfigError(error.problems.join("; "));
    throw error;
  }
  if (env.KAFKA_SASL_PASSWORD_FILE && !password) {
    throw new KafkaConfigError(`KAFKA_SASL_PASSWORD_FILE (${env.KAFKA_SASL_PASSWORD_FILE}) is empty`);
  }
  return password;
}

/**
 * Reads the connection from the environment: KAFKA_BROKERS (host:port,...), KAFKA_SSL=true,
 * KAFKA_SASL_MECHANISM / KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE).
 * The password never appears in an error.
 */
export function kafkaConnectionFromEnv(env: NodeJS.ProcessEnv, clientId: string): KafkaConnection {
  const raw = env.KAFKA_BROKERS?.trim();
  if (!raw) {
    throw new KafkaConfigError(
      "KAFKA_BROKERS is not set: give host:port[,host:port], or run through `pnpm dev` / `pnpm test`, which start a local broker",
    );
  }
  const brokers = raw
    .split(",")
    .map((b) => b.trim())
    .filter(Boolean);
  for (const b of brokers) {
    if (!/^[^\s:/]+:\d{1,5}$/.test(b)) {
      throw new KafkaConfigError(`KAFKA_BROKERS entry "${b}" is not host:port (e.g. 127.0.0.1:9092)`);
    }
  }
  const ssl = sslFrom(env.KAFKA_SSL);
  const mechanism = env.KAFKA_SASL_MECHANISM?.trim().toLowerCase();
  if (!mechanism) return { brokers, clientId, ssl };
  if (!(MECHANISMS as readonly string[]).includes(mechanism)) {
    throw new KafkaConfigError(`KAFKA_SASL_MECHANISM "${mechanism}" is not one of ${MECHANISMS.join(", ")}`);
  }
  const username = env.KAFKA_SASL_USERNAME;
  const password = passwordFrom(env);
  if (!username || !password) {
    throw new KafkaConfigError(
      "KAFKA_SASL_MECHANISM is set: KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE) are needed too",
    );
  }
  return {
    brokers,
    clientId,
    ssl,
    sasl: { mechanism: mechanism as (typeof MECHANISMS)[number], username, password },
  };
}

export function createKafka(
  connection: KafkaConnection,
  options: { logCreator?: KafkaConfig["logCreator"]; retries?: number } = {},
): Kafka {
  return new Kafka({
    clientId: connection.clientId,
    brokers: connection.brokers,
    ssl: connection.ssl,
    sasl: connection.sasl as SASLOptions | undefined,
    logLevel: logLevel.WARN,
    logCreator: options.logCreator,
    connectionTimeout: 3000,
    retry: { retries: options.retries ?? 8, initialRetryTime: 200, maxRetryTime: 10_000 },
  });
}
