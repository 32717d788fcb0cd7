import { spawn } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const EDGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Environment for wrangler that keeps it offline and quiet (TOOLCHAIN.md). */
export const QUIET_WRANGLER_ENV = {
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  WRANGLER_HIDE_BANNER: "true",
};

let bundled: Promise<string> | undefined;

/**
 * Bundles the worker the way `wrangler deploy` would (`--dry-run --outdir`), once per process, and
 * returns the path of the module. Miniflare runs a bundle; it does not resolve workspace imports.
 */
export function bundleWorker(): Promise<string> {
  bundled ??= (async () => {
    const outdir = await mkdtemp(join(tmpdir(), "lumasnip-edge-"));
    const require = createRequire(import.meta.url);
    const bin = join(dirname(require.resolve("wrangler/package.json")), "bin", "wrangler.js");
    const args = [
      bin,
      "deploy",
      "--dry-run",
      "--outdir",
      outdir,
      "--config",
      join(EDGE_DIR, "wrangler.jsonc"),
    ];
    const output: string[] = [];
    const code = await new Promise<number | null>((done, fail) => {
      const child = spawn(process.execPath, args, {
        cwd: EDGE_DIR,
        env: { ...process.env, ...QUIET_WRANGLER_ENV },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout.on("data", (d: Buffer) => output.push(d.toString()));
      child.stderr.on("data", (d: Buffer) => output.push(d.toString()));
      child.on("error", fail);
      child.on("exit", done);
    });
    if (code !== 0)
      throw new Error(
        `bundling the edge worker failed (wrangler exit ${code}):\n${output.join("").slice(-4000)}`,
      );
    return join(outdir, "index.js");
  })();
  return bundled;
}

/** The vars and compatibility settings of wrangler.jsonc (comments stripped: it is JSONC). */
export async function wranglerConfig(): Promise<{
  vars: Record<string, string>;
  compatibilityDate: string;
  compatibilityFlags: string[];
}> {
  const text = await readFile(join(EDGE_DIR, "wrangler.jsonc"), "utf8");
  const json = JSON.parse(text.replace(/^\s*\/\/.*$/gm, "")) as {
    vars?: Record<string, string>;
    compatibility_date: string;
    compatibility_flags?: string[];
  };
  return {
    vars: json.vars ?? {},
    compatibilityDate: json.compatibility_date,
    compatibilityFlags: json.compatibility_flags ?? [],
  };
}
