import { KV_MAX_BULK_GET, KV_MAX_LIST_LIMIT, KV_MAX_OPS_PER_INVOCATION } from "@lumasnip/schema";

export interface ListPage {
  names: string[];
  cursor: string | undefined;
}

/**
 * The KV port of the worker: every operation is counted, so routes can be held to their documented
 * budget and the whole invocation to KV's 1,000 operations. A bulk get of up to 100 keys is one operation.
 */
export interface KvStore {
  get<T>(key: string): Promise<T | null>;
  /** bulk get (batches of 100): the map has every asked key, null when missing */
  getMany<T>(keys: readonly string[]): Promise<Map<string, T | null>>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  list(prefix: string, options?: { limit?: number; cursor?: string }): Promise<ListPage>;
  /** operations made so far in this invocation */
  readonly ops: number;
  /** operations left under the per-invocation limit, keeping `reserve` for the caller's own work */
  remaining(reserve?: number): number;
}

export function createKvStore(ns: KVNamespace, limit = KV_MAX_OPS_PER_INVOCATION): KvStore {
  let ops = 0;
  return {
    async get<T>(key: string) {
      ops++;
      return ns.get<T>(key, "json");
    },
    async getMany<T>(keys: readonly string[]) {
      const out = new Map<string, T | null>();
      const batches: string[][] = [];
      for (let i = 0; i < keys.length; i += KV_MAX_BULK_GET) batches.push(keys.slice(i, i + KV_MAX_BULK_GET));
      ops += batches.length;
      const results = await Promise.all(batches.map((b) => ns.get<T>(b, "json")));
      for (const r of results) for (const [k, v] of r) out.set(k, v);
      return out;
    },
    async put(key, value) {
      ops++;
      await ns.put(key, JSON.stringify(value));
    },
    async delete(key) {
      ops++;
      await ns.delete(key);
    },
    async list(prefix, options = {}) {
      ops++;
      const r = await ns.list({
        prefix,
        limit: Math.min(options.limit ?? KV_MAX_LIST_LIMIT, KV_MAX_LIST_LIMIT),
        cursor: options.cursor,
      });
      return { names: r.keys.map((k) => k.name), cursor: r.list_complete ? undefined : r.cursor };
    },
    get ops() {
      return ops;
    },
    remaining(reserve = 0) {
      return Math.max(0, limit - ops - reserve);
    },
  };
}
