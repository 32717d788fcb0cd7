import { runCheck } from "../check/index.ts";
import type { FetcherConfig } from "../config/load.ts";
import type { CliIo } from "./commands.ts";

/** `check` lives in src/check/: validates the settings, mints a token, lists sites, counts content. */
export function runCheckCommand(config: FetcherConfig, io: CliIo): Promise<number> {
  return runCheck(config, io);
}
