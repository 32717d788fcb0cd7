import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { SimControl } from "../control.ts";
import { handleControl } from "../routes/control.ts";
import { applicationToken } from "../routes/token.ts";
import type { Store } from "../store/store.ts";
import type { RouteContext, SimSettings } from "./context.ts";
import type { Counters } from "./counters.ts";
import { SimHttpError } from "./errors.ts";
import type { FaultState, Faults } from "./faults.ts";
import { type SimResponse, v1Error, v2Error } from "./responses.ts";
import { type ResolvedRoute, resolveRoute } from "./routes-table.ts";
import type { Tokens } from "./tokens.ts";

export interface ServerDeps {
  store: Store;
  settings: SimSettings;
  tokens: Tokens;
  faults: Faults;
  counters: Counters;
  control: SimControl;
  info: () => Record<string, unknown>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createSimServer(deps: ServerDeps): Server {
  return createServer((req, res) => {
    handle(deps, req, res).catch((error) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: 500, message: String(error) } }));
      } else res.destroy();
    });
  });
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const callId = randomBytes(12).toString("hex");
  res.setHeader("LumApps-Call-Id", callId);
  const url = new URL(req.url ?? "/", "http://sim.invalid");
  const raw = await readBody(req);
  if (url.pathname === "/_sim" || url.pathname.startsWith("/_sim/")) {
    return send(res, await handleControl(deps, req.method ?? "GET", url, raw));
  }
  const resolved = resolveRoute(url.pathname);
  if (!resolved) return send(res, v1Error(404, `No such path: ${url.pathname}`));
  const { counters } = deps;
  counters.request(resolved.name);
  const reply = (r: SimResponse) => {
    counters.status(resolved.name, r.status);
    return send(res, r);
  };
  const failure = (status: number, message: string, headers?: Record<string, string>) =>
    resolved.family === "v1" ? v1Error(status, message, headers) : v2Error(status, message, message, headers);

  let body: unknown = raw;
  if (raw !== "" && String(req.headers["content-type"] ?? "").includes("json")) {
    try {
      body = JSON.parse(raw);
    } catch {
      return reply(failure(400, "Malformed JSON body"));
    }
  }
  const requestCursor =
    url.searchParams.get("cursor") ??
    (body && typeof body === "object" ? (body as { cursor?: unknown }).cursor : undefined);
  const hasCursor = typeof requestCursor === "string" && requestCursor !== "";
  const hits = deps.faults.take(resolved.name, { hasCursor });
  const delay =
    deps.settings.latencyMs +
    hits.filter((f) => f.kind === "latency").reduce((n, f) => n + (f.ms ?? 1000), 0);
  if (delay > 0) await sleep(delay);

  if (hits.some((f) => f.kind === "reset")) {
    counters.status(resolved.name, 0);
    req.socket.destroy();
    return;
  }
  const early = earlyFault(hits, failure);
  if (early) return reply(early);

  let result: SimResponse;
  try {
    result = route(deps, resolved, req, url, body, callId);
  } catch (error) {
    if (error instanceof SimHttpError) result = failure(error.status, error.message, error.headers);
    else throw error;
  }
  const broken = hits.find((f) => f.kind === "break-cursor");
  if (broken && result.listing && result.status === 200 && result.body && typeof result.body === "object") {
    const envelope = result.body as Record<string, unknown>;
    envelope.more = true;
    if (broken.mode === "repeat") envelope.cursor = requestCursor;
    else delete envelope.cursor;
  }
  const slow = hits.find((f) => f.kind === "slow-page");
  counters.status(resolved.name, result.status);
  return send(res, result, slow?.ms ?? (slow ? 3000 : 0));
}

function earlyFault(
  hits: FaultState[],
  failure: (status: number, message: string, headers?: Record<string, string>) => SimResponse,
): SimResponse | undefined {
  const error = hits.find((f) => f.kind === "server-error");
  if (error) return failure(error.status ?? 503, "Simulated server error");
  const limited = hits.find((f) => f.kind === "rate-limit");
  if (limited) {
    const after = limited.retryAfter === undefined ? 1 : limited.retryAfter;
    const headers: Record<string, string> = after === null ? {} : { "Retry-After": String(after) };
    return failure(429, "Simulated rate limit: too many requests", headers);
  }
  const invalid = hits.find((f) => f.kind === "break-cursor" && f.mode === "invalid");
  if (invalid) return failure(400, "Invalid cursor");
  return undefined;
}

function route(
  deps: ServerDeps,
  resolved: ResolvedRoute,
  req: IncomingMessage,
  url: URL,
  body: unknown,
  callId: string,
): SimResponse {
  const method = req.method ?? "GET";
  const base = {
    store: deps.store,
    settings: deps.settings,
    query: url.searchParams,
    body,
    headers: req.headers,
    callId,
  };
  if (resolved.family === "v2" && resolved.name === "token") {
    if (method !== "POST") throw new SimHttpError(405, "Use POST");
    const result = applicationToken({ ...base, user: undefined as never }, resolved.org, deps.tokens);
    deps.counters.tokenMinted();
    return result;
  }
  const user = authenticate(deps, req);
  if (resolved.family === "v2") {
    if (resolved.org !== deps.settings.org)
      throw new SimHttpError(404, `Organization ${resolved.org} not found`);
    throw new SimHttpError(404, `The simulator does not serve ${url.pathname}`);
  }
  if (!resolved.route) throw new SimHttpError(404, `Unknown endpoint: ${resolved.name}`);
  if (!resolved.route.methods.includes(method))
    throw new SimHttpError(405, `${resolved.name} does not accept ${method}`);
  const ctx: RouteContext = { ...base, user };
  return resolved.route.handler(ctx);
}

function authenticate(deps: ServerDeps, req: IncomingMessage) {
  const header = req.headers.authorization;
  const m = typeof header === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  const challenge = { "WWW-Authenticate": 'Bearer realm="lumapps-sim"' };
  if (!m) throw new SimHttpError(401, "Missing bearer token", challenge);
  const verified = deps.tokens.verify(m[1]!);
  if (!verified.ok) throw new SimHttpError(401, `Invalid credentials: ${verified.reason}`, challenge);
  if (verified.claims.org !== deps.settings.org)
    throw new SimHttpError(401, "Token of another organization", challenge);
  const user = deps.settings.users.find((u) => u.id === verified.claims.sub);
  if (!user) throw new SimHttpError(401, "The token's user no longer exists", challenge);
  return user;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

async function send(res: ServerResponse, r: SimResponse, slowMs = 0): Promise<void> {
  const payload = r.body === undefined ? "" : JSON.stringify(r.body);
  const headers: Record<string, string | number> = { ...r.headers };
  if (r.body !== undefined) headers["content-type"] = "application/json; charset=UTF-8";
  const bytes = Buffer.from(payload, "utf8");
  headers["content-length"] = bytes.length;
  res.writeHead(r.status, headers);
  if (slowMs <= 0 || bytes.length === 0) {
    res.end(bytes);
    return;
  }
  // a slow page: headers at once, then the body in ten parts spread over slowMs
  const parts = 10;
  const size = Math.ceil(bytes.length / parts);
  for (let i = 0; i < bytes.length; i += size) {
    if (res.destroyed) return;
    res.write(bytes.subarray(i, i + size));
    await sleep(slowMs / parts);
  }
  res.end();
}
