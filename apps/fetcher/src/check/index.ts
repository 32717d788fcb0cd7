import type { CliIo } from "../cli/commands.ts";
import type { FetcherConfig } from "../config/load.ts";
import {
  CHECK_EXIT,
  type CheckDeps,
  type CheckExitCode,
  checkSource,
  type SourceCheck,
} from "./check-source.ts";
import { formatSourceCheck } from "./format.ts";

export * from "./check-source.ts";
export * from "./format.ts";

/**
 * `check`: every configured source in turn (settings were validated when the config loaded:
 * a bad one exits 2 before this runs). Exit code: the worst of the sources (0, 3 or 4).
 */
export async function runCheck(config: FetcherConfig, io: CliIo, deps: CheckDeps = {}): Promise<number> {
  const checks = await checkSources(config, { ...(io.fetch ? { fetch: io.fetch } : {}), ...deps });
  for (const check of checks) io.stdout(formatSourceCheck(check).join("\n"));
  return Math.max(CHECK_EXIT.ok, ...checks.map((c) => c.exitCode)) as CheckExitCode;
}

export async function checkSources(config: FetcherConfig, deps: CheckDeps = {}): Promise<SourceCheck[]> {
  const checks: SourceCheck[] = [];
  for (const source of config.sources) checks.push(await checkSource(source, deps));
  return checks;
}
