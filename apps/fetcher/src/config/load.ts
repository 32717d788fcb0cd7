import { type LumAppsConnection, parseLumAppsConnection } from "@lumasnip/auth";
import { SourceIdSchema } from "@lumasnip/schema";
import { ConfigError, readJsonFile, secretFrom } from "@lumasnip/service";
import type { z } from "zod";
import { GLOBAL_ENV, LUMAPPS_SETTINGS, lumappsEnvName, SOURCE_ENV } from "./env-names.ts";
import { FileConfigSchema, type SourceSettings, SourceSettingsSchema } from "./schema.ts";

export interface SourceConfig extends Omit<SourceSettings, "lumapps"> {
  connection: LumAppsConnection;
}

export interface FetcherConfig {
  topicPrefix: string;
  ops: { port: number; host: string };
  lock: { sessionTimeoutMs: number };
  sources: SourceConfig[];
}

/**
 * The fetcher's configuration: a JSON file (`--config` / FETCHER_CONFIG) or, without one, a
 * single source from FETCHER_* and LUMAPPS_* variables. LumApps settings in the environment
 * override the file's; the application secret comes only from the environment (or a `*_FILE`).
 * Every problem is reported at once, each naming the setting and its variable; no value is echoed.
 */
export function loadConfig(options: { file?: string | undefined; env: NodeJS.ProcessEnv }): FetcherConfig {
  const { env } = options;
  const file = options.file ?? env[GLOBAL_ENV.config];
  const problems: string[] = [];
  if (!file && !env[SOURCE_ENV.sourceId!.env]) {
    throw new ConfigError("fetcher configuration", [
      `no configuration: give a config file (--config or ${GLOBAL_ENV.config}), or one source through ${SOURCE_ENV.sourceId!.env} and the LUMAPPS_* variables (docs/fetcher.md#configuration)`,
    ]);
  }
  const raw = file ? readJsonFile(file) : configFromEnv(env);
  const base =
    raw && typeof raw === "object" && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : raw;
  if (base && typeof base === "object") applyGlobalEnv(base as Record<string, unknown>, env);
  const top = FileConfigSchema.safeParse(base);
  if (!top.success) problems.push(...issues(top.error, "", file ? {} : globalEnvPaths()));
  const rawSources = top.success ? top.data.sources : [];
  const single = rawSources.length === 1;
  const sources: SourceConfig[] = [];
  rawSources.forEach((rawSource, i) => {
    const at = `sources[${i}]`;
    const parsed = SourceSettingsSchema.safeParse(rawSource);
    if (!parsed.success) {
      problems.push(...issues(parsed.error, at, file ? {} : sourceEnvPaths()));
      // still check the LumApps settings, so that one run lists every problem
      const given = (rawSource ?? {}) as { sourceId?: unknown; lumapps?: unknown };
      const id = SourceIdSchema.safeParse(given.sourceId);
      const lumapps =
        given.lumapps && typeof given.lumapps === "object" ? (given.lumapps as Record<string, unknown>) : {};
      if (id.success) readConnection(lumapps, id.data, single, env, `${at}.lumapps`, problems);
      return;
    }
    const { lumapps, ...settings } = parsed.data;
    const connection = readConnection(lumapps, settings.sourceId, single, env, `${at}.lumapps`, problems);
    if (connection) sources.push({ ...settings, connection });
  });
  const seen = new Set<string>();
  for (const s of sources) {
    if (seen.has(s.sourceId)) problems.push(`sources: source id "${s.sourceId}" is used twice`);
    seen.add(s.sourceId);
  }
  if (problems.length > 0)
    throw new ConfigError(file ? `fetcher configuration (${file})` : "fetcher configuration", problems);
  const data = top.data!;
  return { topicPrefix: data.topicPrefix, ops: data.ops, lock: data.lock, sources };
}

function readConnection(
  fromFile: Record<string, unknown>,
  sourceId: string,
  single: boolean,
  env: NodeJS.ProcessEnv,
  at: string,
  problems: string[],
): LumAppsConnection | undefined {
  if (fromFile.applicationSecret !== undefined) {
    problems.push(
      `${at}.applicationSecret: secrets do not belong in the config file: set ${lumappsEnvName("applicationSecret", sourceId)} or ${lumappsEnvName("applicationSecret", sourceId)}_FILE`,
    );
  }
  const input: Record<string, unknown> = { ...fromFile };
  delete input.applicationSecret;
  const names: Record<string, string> = {};
  for (const setting of LUMAPPS_SETTINGS) {
    const scoped = lumappsEnvName(setting, sourceId);
    const plain = lumappsEnvName(setting);
    let value: string | undefined;
    try {
      value = secretFrom(env, scoped) ?? (single ? secretFrom(env, plain) : undefined);
    } catch (error) {
      problems.push(`${at}.${setting}: ${(error as ConfigError).problems?.[0] ?? "cannot be read"}`);
    }
    names[setting] = single ? `${plain} or ${scoped}` : scoped;
    if (value !== undefined && value !== "") input[setting] = value;
  }
  const result = parseLumAppsConnection(input);
  if (result.ok) return result.connection;
  for (const p of result.problems) {
    const env = names[p.setting];
    problems.push(`${at}.${p.setting}${env ? ` (${env})` : ""}: ${p.message}`);
  }
  return undefined;
}

function issues(error: z.ZodError, prefix: string, envPaths: Record<string, string>): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((k) => (typeof k === "number" ? `[${k}]` : `.${String(k)}`)).join("");
    const full = `${prefix}${path}`.replace(/^\./, "") || "(root)";
    const envName = envPaths[issue.path[0] === undefined ? "" : String(issue.path[0])];
    const message =
      issue.code === "unrecognized_keys"
        ? `unknown setting ${issue.keys.map((k) => `"${k}"`).join(", ")}`
        : issue.message;
    return `${full}${envName ? ` (${envName})` : ""}: ${message}`;
  });
}

function applyGlobalEnv(config: Record<string, unknown>, env: NodeJS.ProcessEnv) {
  if (env[GLOBAL_ENV.topicPrefix]) config.topicPrefix = env[GLOBAL_ENV.topicPrefix];
  const port = env[GLOBAL_ENV.opsPort];
  const host = env[GLOBAL_ENV.opsHost];
  if (port || host) {
    const ops = { ...((config.ops as Record<string, unknown>) ?? {}) };
    if (port) ops.port = numberOrText(port);
    if (host) ops.host = host;
    config.ops = ops;
  }
}

const globalEnvPaths = () => ({ topicPrefix: GLOBAL_ENV.topicPrefix, sources: "FETCHER_SOURCE_ID" });
const sourceEnvPaths = () =>
  Object.fromEntries(Object.entries(SOURCE_ENV).map(([path, { env }]) => [path, env]));

function numberOrText(raw: string): number | string {
  const n = Number(raw);
  return raw.trim() !== "" && Number.isFinite(n) ? n : raw;
}

/** One source from the environment, when there is no config file. */
function configFromEnv(env: NodeJS.ProcessEnv): unknown {
  if (!env[SOURCE_ENV.sourceId!.env]) return { sources: [] };
  const source: Record<string, unknown> = {};
  for (const [path, { env: name, kind }] of Object.entries(SOURCE_ENV)) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    const list = () =>
      raw
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
    if (kind === "number") source[path] = numberOrText(raw);
    else if (kind === "list") source[path] = list();
    else if (kind === "sites") source[path] = raw === "all" ? "all" : list();
    else if (kind === "types") {
      source[path] = list().map((pair) => {
        const [type, action, customContentType] = pair.split(":");
        return { type, action, ...(customContentType ? { customContentType } : {}) };
      });
    } else source[path] = raw;
  }
  return { sources: [source] };
}
