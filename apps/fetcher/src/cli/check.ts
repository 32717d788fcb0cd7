import type { FetcherConfig } from "../config/load.ts";
import type { CliIo } from "./commands.ts";

/**
 * `check` lives in src/check/ (validates the settings, mints a token, lists sites, counts visible
 * content). It is loaded on demand so the other commands do not depend on it.
 */
export async function runCheckCommand(config: FetcherConfig, io: CliIo): Promise<number> {
  const path = "../check/index.ts";
  let mod: { runCheck?: (config: FetcherConfig, io: CliIo) => Promise<number> };
  try {
    mod = await import(path);
  } catch (error) {
    io.stdout(`check is not available in this build: ${(error as Error).message}`);
    return 1;
  }
  if (typeof mod.runCheck !== "function") {
    io.stdout("check is not available in this build (src/check/index.ts exports no runCheck)");
    return 1;
  }
  return mod.runCheck(config, io);
}
