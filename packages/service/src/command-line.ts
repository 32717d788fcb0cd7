import { type ParseArgsConfig, parseArgs } from "node:util";

/** A bad command line: the CLIs print its message with a pointer to --help and exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** `parseArgs` from node:util, with its errors (unknown option, missing value…) as UsageError. */
export function parseCommandLine<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
