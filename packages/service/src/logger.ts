import { type Logger, type LoggerOptions, pino } from "pino";

export type { Logger };

/** Field names whose values never reach a log line, at any depth pino can address. */
export const REDACT_PATHS = [
  "secret",
  "*.secret",
  "*.*.secret",
  "password",
  "*.password",
  "applicationSecret",
  "*.applicationSecret",
  "*.*.applicationSecret",
  "clientSecret",
  "*.clientSecret",
  "authorization",
  "*.authorization",
  "*.headers.authorization",
  "headers.authorization",
  "access_token",
  "*.access_token",
  "accessToken",
  "*.accessToken",
  "token",
  "*.token",
  "apiKey",
  "*.apiKey",
  "adminSecret",
  "*.adminSecret",
];

export interface LoggerSettings {
  name: string;
  /** pino level; `silent` in tests. Default: LOG_LEVEL or `info`. */
  level?: string;
  /** where lines go (a file stream for `pnpm dev`); default stdout */
  destination?: NodeJS.WritableStream;
  base?: Record<string, unknown>;
}

/** One JSON-lines logger per process, created at start and injected (STYLE.md). */
export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    name: settings.name,
    level: settings.level ?? process.env.LOG_LEVEL ?? "info",
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    base: { service: settings.name, pid: process.pid, ...settings.base },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
  };
  return settings.destination ? pino(options, settings.destination as pino.DestinationStream) : pino(options);
}

/** Routes kafkajs's own logs through the service logger (kafkajs `logCreator`). */
export function kafkaLogCreator(logger: Logger) {
  const child = logger.child({ component: "kafkajs" });
  // kafkajs levels: NOTHING 0, ERROR 1, WARN 2, INFO 4, DEBUG 5
  return () =>
    ({
      level,
      log,
    }: {
      namespace: string;
      level: number;
      label: string;
      log: { message: string } & Record<string, unknown>;
    }) => {
      const { message, timestamp: _t, logger: _l, ...fields } = log;
      if (level === 1) child.error(fields, message);
      else if (level === 2) child.warn(fields, message);
      else if (level === 4) child.info(fields, message);
      else child.debug(fields, message);
    };
}
