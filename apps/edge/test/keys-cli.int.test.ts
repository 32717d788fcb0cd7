import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalEdge, startLocalEdge } from "../src/local/start-local-edge.ts";

const CLI = fileURLToPath(new URL("../src/cli/keys.ts", import.meta.url));

function keys(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("the keys CLI, against the worker served by Miniflare", () => {
  let edge: LocalEdge;
  beforeAll(async () => {
    edge = await startLocalEdge();
  });
  afterAll(async () => {
    await edge?.close();
  });

  it("prints its help", async () => {
    const r = await keys(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/keys create --name/);
    expect((await keys([])).code).toBe(2);
  });

  it("creates the first key with the bootstrap secret, lists it, and revokes it", async () => {
    const env = { EDGE_URL: edge.url, EDGE_ADMIN_KEY: edge.adminSecret };
    const created = await keys(
      ["create", "--name", "assistant", "--audiences", "hr,eng", "--scopes", "read", "--trusted", "--json"],
      env,
    );
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    const key = JSON.parse(created.stdout) as { id: string; key: string; trusted: boolean };
    expect(key.trusted).toBe(true);
    const read = await fetch(`${edge.url}/v1/contents/acme:1`, {
      headers: { authorization: `Bearer ${key.key}` },
    });
    expect(read.status).toBe(404);

    const listed = await keys(["list"], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${key.id}  assistant  scopes=read  audiences=eng,hr  trusted`);
    expect(listed.stdout).not.toContain(key.key);

    const revoked = await keys(["revoke", key.id], env);
    expect(revoked.code).toBe(0);
    const after = await fetch(`${edge.url}/v1/contents/acme:1`, {
      headers: { authorization: `Bearer ${key.key}` },
    });
    expect(after.status).toBe(401);
    expect((await keys(["list"], env)).stdout).toMatch(new RegExp(`${key.id} .* revoked `));
  });

  it("says what is missing or refused, without echoing the key", async () => {
    const noUrl = await keys(["list"], { EDGE_ADMIN_KEY: "x" });
    expect(noUrl.code).toBe(1);
    expect(noUrl.stderr).toMatch(/EDGE_URL/);
    const wrong = await keys(["list"], { EDGE_URL: edge.url, EDGE_ADMIN_KEY: "wrong-secret-value" });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/401: unauthorized/);
    expect(wrong.stderr).not.toContain("wrong-secret-value");
    const bad = await keys(["create", "--name", "x", "--audiences", "*", "--scopes", "root"], {
      EDGE_URL: edge.url,
      EDGE_ADMIN_KEY: edge.adminSecret,
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--scopes/);
  });
});
