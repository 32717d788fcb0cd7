import { type ParseArgsOptionsConfig, parseArgs } from "node:util";

/** A bad command line: the CLIs print its message with a pointer to --help and exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * `parseArgs` from node:util as the CLIs use it (strict, with positionals: the command and its
 * paths), with its errors (unknown option, missing value…) thrown as UsageError.
 */
export function parseCommandLine<const O extends ParseArgsOptionsConfig>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
