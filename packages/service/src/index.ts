export { parseCommandLine, UsageError } from "./command-line.ts";
export { ConfigError, intSetting, parseConfig, readJsonFile, secretFrom } from "./config.ts";
export { runMain, sleep, type MainContext } from "./lifecycle.ts";
export { createLogger, kafkaLogCreator, REDACT_PATHS, type Logger, type LoggerSettings } from "./logger.ts";
export { createMetrics, type Metrics } from "./metrics.ts";
export {
  startOpsServer,
  startOpsServerUnlessOff,
  type HealthReport,
  type OpsServer,
  type OpsServerOptions,
} from "./ops-server.ts";
export { createProgress, type Progress } from "./progress.ts";
