#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ApiKeyCreatedSchema, ApiKeyListSchema, ScopeSchema } from "@lumasnip/schema";
import { z } from "zod";

const HELP = `lumasnip edge keys: manage the edge's API keys through its admin API (no redeploy)

Usage:
  keys create --name <name> --audiences <g1,g2|*> --scopes <read,write,admin> [--trusted]
  keys list
  keys revoke <id>

Connection (flags or environment):
  --url <url>          EDGE_URL          the worker, e.g. https://lumasnip-edge.example.workers.dev
  --key-file <path>    EDGE_ADMIN_KEY    an admin key, or the bootstrap ADMIN_SECRET for the first key
                                         (EDGE_ADMIN_KEY_FILE works too; keys are never taken as a flag value)
  --json                                 print JSON instead of text

The key created is printed once: the edge keeps only its hash.
Audiences are LumApps group ids (feed keys), or * for every group. A trusted read key may narrow
its view per request with the x-lumasnip-audiences header.`;

export class CliError extends Error {
  override name = "CliError";
}

interface Connection {
  url: string;
  key: string;
}

function connection(values: { url?: string; "key-file"?: string }, env: NodeJS.ProcessEnv): Connection {
  const url = (values.url ?? env.EDGE_URL ?? "").replace(/\/+$/, "");
  if (!/^https?:\/\/[^\s]+$/.test(url))
    throw new CliError("give the worker's URL with --url or EDGE_URL (http(s)://...)");
  const file = values["key-file"] ?? env.EDGE_ADMIN_KEY_FILE;
  const key = (file ? readFileSync(file, "utf8") : (env.EDGE_ADMIN_KEY ?? "")).trim();
  if (!key)
    throw new CliError(
      "give an admin key (or the bootstrap secret) in EDGE_ADMIN_KEY or a file with --key-file",
    );
  return { url, key };
}

async function request(conn: Connection, method: string, path: string, body?: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`${conn.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${conn.key}`,
        ...(body ? { "content-type": "application/json" } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (error) {
    throw new CliError(`cannot reach ${conn.url}: ${(error as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) {
    let message = text.slice(0, 500);
    try {
      const parsed = JSON.parse(text) as { error?: { code: string; message: string } };
      if (parsed.error) message = `${parsed.error.code}: ${parsed.error.message}`;
    } catch {}
    throw new CliError(`${method} ${path} answered ${res.status}: ${message}`);
  }
  return JSON.parse(text);
}

const list = (s: string | undefined) =>
  (s ?? "")
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

/** Runs the CLI; returns the exit code. `out` gets results, `err` problems. */
export async function runKeysCli(
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
  const options = {
    url: { type: "string" },
    "key-file": { type: "string" },
    name: { type: "string" },
    audiences: { type: "string" },
    scopes: { type: "string" },
    trusted: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  } as const;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true });
  } catch (error) {
    err(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (values.help ? out : err)(HELP);
    return values.help ? 0 : 2;
  }
  try {
    const conn = connection(values, env);
    if (command === "create") {
      const scopes = z.array(ScopeSchema).min(1).safeParse(list(values.scopes));
      if (!values.name) throw new CliError("create needs --name");
      if (list(values.audiences).length === 0)
        throw new CliError("create needs --audiences (group ids, or *)");
      if (!scopes.success) throw new CliError("create needs --scopes, among read, write, admin");
      const body = {
        name: values.name,
        audiences: list(values.audiences),
        scopes: scopes.data,
        trusted: values.trusted,
      };
      const created = ApiKeyCreatedSchema.parse(await request(conn, "POST", "/admin/v1/keys", body));
      if (values.json) out(JSON.stringify(created));
      else {
        out(
          `created key ${created.id} "${created.name}" scopes=${created.scopes.join(",")} audiences=${created.audiences.join(",")}${created.trusted ? " trusted" : ""}`,
        );
        out(`key (shown once, store it now): ${created.key}`);
      }
    } else if (command === "list") {
      const { keys } = ApiKeyListSchema.parse(await request(conn, "GET", "/admin/v1/keys"));
      if (values.json) out(JSON.stringify(keys));
      else if (keys.length === 0) out("no keys");
      else {
        for (const k of keys) {
          const state = k.revokedAt ? `revoked ${k.revokedAt}` : `last used ${k.lastUsedAt ?? "never"}`;
          out(
            `${k.id}  ${k.name}  scopes=${k.scopes.join(",")}  audiences=${k.audiences.join(",")}${k.trusted ? "  trusted" : ""}  created ${k.createdAt}  ${state}`,
          );
        }
      }
    } else if (command === "revoke") {
      const id = rest[0];
      if (!id || !/^[0-9a-f]{16}$/.test(id))
        throw new CliError("revoke needs the key's id (16 hex characters, from `keys list`)");
      await request(conn, "DELETE", `/admin/v1/keys/${id}`);
      out(
        values.json
          ? JSON.stringify({ revoked: id })
          : `revoked ${id} (other edge locations stop accepting it within about a minute)`,
      );
    } else {
      throw new CliError(`unknown command "${command}"\n\n${HELP}`);
    }
    return 0;
  } catch (error) {
    err(error instanceof CliError ? error.message : `unexpected: ${String(error)}`);
    return 1;
  }
}

if (import.meta.main) {
  process.exitCode = await runKeysCli(
    process.argv.slice(2),
    process.env,
    (l) => console.log(l),
    (l) => console.error(l),
  );
}
