import type { Store } from "../store/store.ts";
import type { SimApp, SimUser } from "../types.ts";

export interface SimSettings {
  org: string;
  app: SimApp;
  users: SimUser[];
  tokenTtlSeconds: number;
  latencyMs: number;
  /** whether widgets outside the user's groups come back ("return") or are cut out ("strip") */
  widgetRights: "return" | "strip";
}

export interface RouteContext {
  store: Store;
  settings: SimSettings;
  /** the user the bearer token acts as (API routes only) */
  user: SimUser;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  callId: string;
}
