import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type LumAppsConnectionInput, lumAppsConnection } from "@lumasnip/auth";
import { type RunningSimulator, simulatorConnection } from "@lumasnip/lumapps-sim";

export function connectionFor(sim: RunningSimulator, overrides: Partial<LumAppsConnectionInput> = {}) {
  return lumAppsConnection({ ...simulatorConnection(sim), applicationSecret: sim.app.secret, ...overrides });
}

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A real HTTP server that records every request. `answer` replies itself, or returns undefined
 * to forward the request to `forwardTo` (a recording proxy in front of the simulator).
 */
export async function startRecordingServer(options: {
  answer?: (req: RecordedRequest) => Reply | undefined;
  forwardTo?: string;
}): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const recorded = {
        method: req.method ?? "GET",
        url: new URL(req.url ?? "/", "http://x"),
        headers: req.headers,
        body,
      };
      requests.push(recorded);
      let reply: Reply | undefined;
      try {
        reply = options.answer?.(recorded);
      } catch (error) {
        reply = { status: 599, body: { testServerError: String(error) } };
      }
      if (reply) return send(res, reply);
      if (!options.forwardTo) return send(res, { status: 502, body: { error: "nothing to forward to" } });
      forward(options.forwardTo, req, body, res).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, reply: Reply): void {
  const text = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body ?? {});
  res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
  res.end(text);
}

async function forward(
  target: string,
  req: IncomingMessage,
  body: string,
  res: ServerResponse,
): Promise<void> {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers))
    if (typeof v === "string" && k !== "host") headers.set(k, v);
  const upstream = await fetch(new URL(req.url ?? "/", target), {
    method: req.method ?? "GET",
    headers,
    body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
  });
  const out: Record<string, string> = {};
  upstream.headers.forEach((v, k) => {
    if (k !== "content-length" && k !== "transfer-encoding" && k !== "connection") out[k] = v;
  });
  res.writeHead(upstream.status, out);
  res.end(await upstream.text());
}

/** Records the waits the client asks for and does not wait. */
export function recordedSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}
