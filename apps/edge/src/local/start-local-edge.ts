import { randomBytes } from "node:crypto";
import { dirname } from "node:path";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { bundleWorker, wranglerConfig } from "./bundle.ts";

export interface LocalEdgeOptions {
  /** 0 (default) picks a free port */
  port?: number;
  host?: string;
  /** directory for KV data; default: in memory, gone on close */
  persistDir?: string;
  /** overrides of wrangler.jsonc's vars, e.g. { STALE_GRACE_SECONDS: "2", ALLOW_SHORT_GRACE: "true" } */
  vars?: Record<string, string>;
  /** the bootstrap secret; default: a random one (read it from the result) */
  adminSecret?: string;
  /** runs the scheduled handler this often, standing in for the cron; default off */
  cronIntervalMs?: number;
}

export interface LocalEdge {
  url: string;
  adminSecret: string;
  /** the worker's KV namespace, read and written directly from Node */
  kv: Awaited<ReturnType<Miniflare["getKVNamespace"]>>;
  /** runs the scheduled handler once (the cron's work), with `now` as its clock */
  scheduled(now?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The edge worker served by Miniflare directly (no `wrangler dev` proxy): ready in about a second
 * after the first bundle, with local KV. For integration tests, benchmarks and `pnpm dev`.
 */
export async function startLocalEdge(options: LocalEdgeOptions = {}): Promise<LocalEdge> {
  const [scriptPath, config] = await Promise.all([bundleWorker(), wranglerConfig()]);
  const adminSecret = options.adminSecret ?? randomBytes(24).toString("base64url");
  // miniflare 5 takes a new options shape; the v4 one (documented, stable) is converted
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      scriptPath,
      // the bundle lives in a temp dir: module names must not climb out of the root with ".."
      modulesRoot: dirname(scriptPath),
      compatibilityDate: config.compatibilityDate,
      compatibilityFlags: config.compatibilityFlags,
      kvNamespaces: ["SNIPPETS"],
      ...(options.persistDir ? { resourcePersistencePath: options.persistDir } : {}),
      bindings: { ...config.vars, ADMIN_SECRET: adminSecret, ...options.vars },
      host: options.host ?? "127.0.0.1",
      port: options.port ?? 0,
    }),
  );
  const url = (await mf.ready).toString().replace(/\/$/, "");
  const kv = await mf.getKVNamespace("SNIPPETS");
  const worker = await mf.getWorker();
  const scheduled = async (now = Date.now()) => {
    await worker.scheduled({ scheduledTime: new Date(now), cron: "* * * * *" });
  };
  const timer = options.cronIntervalMs
    ? setInterval(() => {
        scheduled().catch(() => {});
      }, options.cronIntervalMs)
    : undefined;
  return {
    url,
    adminSecret,
    kv,
    scheduled,
    async close() {
      if (timer) clearInterval(timer);
      await mf.dispose();
    },
  };
}
