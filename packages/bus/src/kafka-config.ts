import { Kafka, type KafkaConfig, type SASLOptions, logLevel } from "kafkajs";

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

/**
 * Reads the connection from the environment: KAFKA_BROKERS (host:port,...), KAFKA_SSL=true,
 * KAFKA_SASL_MECHANISM / KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD. The password never appears
 * in an error.
 */
export function kafkaConnectionFromEnv(env: NodeJS.ProcessEnv, clientId: string): KafkaConnection {
  const raw = env.KAFKA_BROKERS?.trim();
  if (!raw) {
    throw new KafkaConfigError(
      "KAFKA_BROKERS is not set: give host:port[,host:port], or run through `pnpm dev` / `pnpm test`, which start a local broker",
    );
  }
  const brokers = raw.split(",").map((b) => b.trim()).filter(Boolean);
  for (const b of brokers) {
    if (!/^[^\s:/]+:\d{1,5}$/.test(b)) {
      throw new KafkaConfigError(`KAFKA_BROKERS entry "${b}" is not host:port (e.g. 127.0.0.1:9092)`);
    }
  }
  const ssl = /^(1|true|yes)$/i.test(env.KAFKA_SSL ?? "");
  const mechanism = env.KAFKA_SASL_MECHANISM?.trim().toLowerCase();
  if (!mechanism) return { brokers, clientId, ssl };
  if (!(MECHANISMS as readonly string[]).includes(mechanism)) {
    throw new KafkaConfigError(`KAFKA_SASL_MECHANISM "${mechanism}" is not one of ${MECHANISMS.join(", ")}`);
  }
  const username = env.KAFKA_SASL_USERNAME;
  const password = env.KAFKA_SASL_PASSWORD;
  if (!username || !password) {
    throw new KafkaConfigError("KAFKA_SASL_MECHANISM is set: KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are needed too");
  }
  return { brokers, clientId, ssl, sasl: { mechanism: mechanism as (typeof MECHANISMS)[number], username, password } };
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
