import { readFileSync } from "node:fs";
import { z } from "zod";

export class ConfigError extends Error {
  override name = "ConfigError";
  readonly problems: string[];
  constructor(what: string, problems: string[]) {
    super(`${what} is invalid:\n- ${problems.join("\n- ")}`);
    this.problems = problems;
  }
}

/**
 * Parses config once at start. Each problem names the setting (its env var when `envNames`
 * maps the path) and what is expected; values are never echoed, so secrets cannot leak.
 */
export function parseConfig<S extends z.ZodType>(
  schema: S,
  input: unknown,
  { what = "configuration", envNames = {} as Record<string, string> } = {},
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    const env = envNames[path];
    const where = path === "" ? "(root)" : env ? `${path} (${env})` : path;
    return `${where}: ${issue.message}`;
  });
  throw new ConfigError(what, problems);
}

/**
 * An integer setting (coerced from an env string) in [min, max]. Whatever is wrong with the value
 * is one problem with the same words: zod otherwise reports both its safe-integer bound and the
 * range for a value like 1e99, two lines for one mistake.
 */
export function intSetting(min: number, max: number, fallback: number) {
  const error = `an integer from ${min} to ${max}`;
  return z.coerce
    .number({ error })
    .int({ error, abort: true })
    .min(min, { error })
    .max(max, { error })
    .default(fallback);
}

/** Reads a JSON config file with an error that names the file. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(`config file ${path}`, [
      `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    ]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config file ${path}`, [`is not valid JSON: ${(error as Error).message}`]);
  }
}

/**
 * A secret given either inline (env) or as a file path (`*_FILE`, for Docker/K8s secrets);
 * trailing newlines are trimmed.
 */
export function secretFrom(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const file = env[`${name}_FILE`];
  if (file) {
    try {
      return readFileSync(file, "utf8").replace(/\r?\n$/, "");
    } catch (error) {
      throw new ConfigError(name, [
        `${name}_FILE (${file}) cannot be read: ${(error as NodeJS.ErrnoException).code ?? "error"}`,
      ]);
    }
  }
  return env[name];
}
