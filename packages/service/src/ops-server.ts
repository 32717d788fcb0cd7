import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";

export interface HealthReport {
  /** false answers 503 */
  ok: boolean;
  [detail: string]: unknown;
}

export interface OpsServerOptions {
  port: number;
  host?: string;
  registry: Registry;
  health: () => HealthReport | Promise<HealthReport>;
}

export interface OpsServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** `/healthz` (JSON, 503 when unhealthy) and `/metrics` (Prometheus text) for a Node app. */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const server: Server = createServer(async (req, res) => {
    try {
      const path = (req.url ?? "/").split("?")[0];
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { allow: "GET, HEAD" }).end();
      } else if (path === "/healthz") {
        const report = await options.health();
        res.writeHead(report.ok ? 200 : 503, { "content-type": "application/json" });
        res.end(JSON.stringify(report));
      } else if (path === "/metrics") {
        const body = await options.registry.metrics();
        res.writeHead(200, { "content-type": options.registry.contentType }).end(body);
      } else {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "not_found", message: "try /healthz or /metrics" } }));
      }
    } catch (error) {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "internal", message: String(error) } }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** `startOpsServer`, or none when the port is configured "off" (null). */
export async function startOpsServerUnlessOff(
  options: Omit<OpsServerOptions, "port"> & { port: number | null },
): Promise<OpsServer | undefined> {
  return options.port === null ? undefined : startOpsServer({ ...options, port: options.port });
}
