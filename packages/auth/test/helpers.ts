import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";

/** Every way an error can be shown: message, stack, inspect (cause chain included), JSON of all fields. */
export function everythingAbout(error: unknown): string {
  const parts: string[] = [
    String(error),
    inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
  ];
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth++) {
    const e = current as Error & Record<string, unknown>;
    parts.push(String(e.message), String(e.stack));
    parts.push(JSON.stringify(e, Object.getOwnPropertyNames(e)));
    parts.push(JSON.stringify({ ...e }));
    current = e.cause;
  }
  return parts.join("\n");
}

/** A real HTTP server for hosts that are not LumApps (a docs site, an echoing proxy). */
export async function startHttpServer(
  handler: (req: IncomingMessage, body: string, res: ServerResponse) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => handler(req, body, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port with nothing listening. */
export async function closedPortUrl(): Promise<string> {
  const server = await startHttpServer((_req, _body, res) => res.end());
  await server.close();
  return server.url;
}
