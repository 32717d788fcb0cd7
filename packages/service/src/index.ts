export { parseCommandLine, UsageError } from "./command-line.ts";
export { ConfigError, intSetting, parseConfig, readJsonFile, secretFrom } from "./config.ts";
export { type MainContext, runMain, sleep } from "./lifecycle.ts";
export { createLogger, kafkaLogCreator, type Logger, type LoggerSettings, REDACT_PATHS } from "./logger.ts";
export { createMetrics, type Metrics } from "./metrics.ts";
export {
  type HealthReport,
  type OpsServer,
  type OpsServerOptions,
  startOpsServer,
  startOpsServerUnlessOff,
} from "./ops-server.ts";
export { createProgress, type Progress } from "./progress.ts";
