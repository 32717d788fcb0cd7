import { createTokenProvider } from "@lumasnip/auth";
import {
  createLumAppsClient,
  LumAppsAuthError,
  type LumAppsClient,
  LumAppsError,
  type RetryPolicy,
} from "@lumasnip/lumapps";
import type { SourceConfig } from "../config/load.ts";
import { discoverSites, type Scope, scopesOf } from "../sync/scopes.ts";

/** 0 ok, 3 cannot authenticate, 4 cannot list (2, bad settings, is decided before: config loading). */
export const CHECK_EXIT = { ok: 0, settings: 2, auth: 3, listing: 4 } as const;
export type CheckExitCode = (typeof CHECK_EXIT)[keyof typeof CHECK_EXIT];

export interface ScopeCount extends Scope {
  siteName: string | undefined;
  /** LIVE items the service user can see; undefined when the listing failed */
  count: number | undefined;
  /** items whose shape the client could not read */
  invalid: number;
  problem?: string;
}

export interface SourceCheck {
  sourceId: string;
  organizationId: string;
  cell: string;
  user: string;
  exitCode: CheckExitCode;
  /** one line per problem, each saying what to check or do */
  problems: string[];
  notes: string[];
  token?: { ms: number; expiresInSeconds: number };
  sites: { id: string; name: string | undefined }[];
  scopes: ScopeCount[];
  ms: number;
}

export interface CheckDeps {
  fetch?: typeof fetch;
  /** fewer, shorter retries than the fetcher: an operator is waiting */
  retry?: Partial<RetryPolicy>;
  tokenTimeoutMs?: number;
  now?: () => number;
}

const CHECK_RETRY: Partial<RetryPolicy> = { maxAttempts: 3, totalBudgetMs: 20_000 };
/** a reconcile-style projection: counting needs ids only */
const COUNT_FIELDS = "items(id),more,cursor";

/** Checks one source end to end: token, sites, and the visible LIVE content of every scope. */
export async function checkSource(source: SourceConfig, deps: CheckDeps = {}): Promise<SourceCheck> {
  const now = deps.now ?? Date.now;
  const started = now();
  const { connection } = source;
  const report: SourceCheck = {
    sourceId: source.sourceId,
    organizationId: connection.organizationId,
    cell: connection.cell,
    user: connection.authorizedUserId ?? connection.authorizedUserEmail ?? "",
    exitCode: CHECK_EXIT.ok,
    problems: [],
    notes: [],
    sites: [],
    scopes: [],
    ms: 0,
  };
  const done = (exitCode: CheckExitCode) => Object.assign(report, { exitCode, ms: now() - started });
  if (!connection.platformAddress) {
    report.notes.push(
      "platformAddress is not set: relative content links (/canonical/...) cannot be made absolute",
    );
  }

  let expiresInSeconds = 0;
  const tokens = createTokenProvider(connection, {
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    timeoutMs: deps.tokenTimeoutMs ?? 15_000,
    onMint: (m) => {
      if (m.ok) expiresInSeconds = m.expiresInSeconds ?? 0;
    },
  });
  try {
    const t = now();
    await tokens.token();
    report.token = { ms: now() - t, expiresInSeconds };
  } catch (error) {
    report.problems.push(describe(error));
    return done(CHECK_EXIT.auth);
  }

  const client = createLumAppsClient({
    connection,
    tokens,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    requestsPerSecond: source.requestsPerSecond,
    retry: { ...CHECK_RETRY, ...deps.retry },
    timeouts: {
      listMs: source.requestTimeoutSeconds * 1000,
      defaultMs: Math.min(30_000, source.requestTimeoutSeconds * 1000),
    },
  });

  let siteIds: string[];
  try {
    const { sites, unlisted } = await discoverSites(client, source);
    report.sites = [...sites.values()].map((s) => ({ id: s.id, name: firstName(s.name) }));
    siteIds = [...sites.keys()];
    for (const id of unlisted) {
      report.notes.push(
        `site ${id} is not in the user's list of sites: its content is listed anyway; check the id`,
      );
    }
  } catch (error) {
    report.problems.push(`cannot list sites: ${describe(error)}`);
    return done(error instanceof LumAppsAuthError ? CHECK_EXIT.auth : CHECK_EXIT.listing);
  }
  if (siteIds.length === 0) {
    report.problems.push(
      "the authorized user sees no site: give it read access to the sites to index, or list their ids in the source's sites",
    );
    return done(CHECK_EXIT.listing);
  }

  const names = new Map(report.sites.map((s) => [s.id, s.name]));
  for (const scope of scopesOf(source, siteIds)) {
    report.scopes.push(await countScope(client, scope, names.get(scope.siteId)));
  }
  const failed = report.scopes.filter((s) => s.problem);
  for (const s of failed) report.problems.push(`${scopeLabel(s)}: ${s.problem}`);
  if (failed.some((s) => s.problem?.startsWith("token:"))) return done(CHECK_EXIT.auth);
  return done(failed.length > 0 ? CHECK_EXIT.listing : CHECK_EXIT.ok);
}

async function countScope(
  client: LumAppsClient,
  scope: Scope,
  siteName: string | undefined,
): Promise<ScopeCount> {
  const result: ScopeCount = { ...scope, siteName, count: 0, invalid: 0 };
  try {
    const pages = client.listContent({
      siteIds: [scope.siteId],
      types: [scope.type],
      action: scope.action,
      ...(scope.customContentType ? { customContentTypes: [scope.customContentType] } : {}),
      fields: COUNT_FIELDS,
    });
    for await (const page of pages) {
      result.count! += page.items.length + page.invalid.length;
      result.invalid += page.invalid.length;
    }
  } catch (error) {
    result.count = undefined;
    result.problem =
      error instanceof LumAppsAuthError ? `token: ${describe(error)}` : listingProblem(error, scope);
  }
  return result;
}

function listingProblem(error: unknown, scope: Scope): string {
  const base = describe(error);
  if (error instanceof LumAppsError && error.status === 403) {
    return `${base} — the authorized user lacks ${scope.action} on this site: grant it (docs/connecting-to-lumapps.md#least-privilege), or use an action it holds`;
  }
  if (error instanceof LumAppsError && error.status === 400) {
    return `${base} — check the content type "${scope.type}" and its action "${scope.action}"`;
  }
  return base;
}

/** The error's message with LumApps' call id (support asks for it). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const callId = error instanceof LumAppsError && error.callId ? ` (LumApps-Call-Id ${error.callId})` : "";
  return `${error.message}${callId}`;
}

export function scopeLabel(
  s: Pick<ScopeCount, "siteId" | "siteName" | "type" | "action" | "customContentType">,
): string {
  const site = s.siteName ? `${s.siteName} (${s.siteId})` : s.siteId;
  return `site ${site}, ${s.type}${s.customContentType ? `/${s.customContentType}` : ""} with ${s.action}`;
}

function firstName(name: Record<string, string>): string | undefined {
  return name.en ?? Object.values(name)[0];
}
