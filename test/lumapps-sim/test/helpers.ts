// biome-ignore-all lint/suspicious/noExplicitAny: the tests read JSON answers loosely, as a client sees them
import { beforeAll } from "vitest";
import type { RunningSimulator, SimUser } from "../src/index.ts";

/** Minimal HTTP helpers for the contract tests: plain fetch, as a client would speak to a cell. */
export function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
}

export async function requestToken(
  sim: RunningSimulator,
  form: Record<string, string>,
  auth = basicAuth(sim.app.applicationId, sim.app.secret),
  org = sim.org,
): Promise<Response> {
  return fetch(`${sim.url}/v2/organizations/${org}/application-token`, {
    method: "POST",
    headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
}

export async function mintToken(sim: RunningSimulator, user: SimUser = sim.serviceUser): Promise<string> {
  const res = await requestToken(sim, { grant_type: "client_credentials", user_id: user.id });
  if (res.status !== 200) throw new Error(`token endpoint answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Tokens of the service user (reader) and of an admin, minted in beforeAll: read them in tests. */
export function useTokens(sim: RunningSimulator): { reader: string; admin: string } {
  const tokens = { reader: "", admin: "" };
  beforeAll(async () => {
    tokens.reader = await mintToken(sim);
    tokens.admin = await mintToken(sim, sim.users.find((u) => u.admin)!);
  });
  return tokens;
}

export const v1 = (
  sim: RunningSimulator,
  endpoint: string,
  query: Record<string, string | string[]> = {},
) => {
  const url = new URL(`${sim.url}/_ah/api/lumsites/v1/${endpoint}`);
  for (const [k, v] of Object.entries(query)) for (const one of [v].flat()) url.searchParams.append(k, one);
  return url;
};

export async function get(
  sim: RunningSimulator,
  token: string,
  endpoint: string,
  query = {},
): Promise<Response> {
  return fetch(v1(sim, endpoint, query), { headers: { authorization: `Bearer ${token}` } });
}

export async function post(
  sim: RunningSimulator,
  token: string,
  endpoint: string,
  body: unknown,
  query: Record<string, string> = {},
): Promise<Response> {
  return fetch(v1(sim, endpoint, query), {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

export interface ListPage {
  items?: Record<string, unknown>[];
  more: boolean;
  cursor?: string;
}

/** Pages through content/list by the paging rule of API.md §4, recording each page. */
export async function listAll(
  sim: RunningSimulator,
  token: string,
  body: Record<string, unknown>,
  query: Record<string, string> = {},
): Promise<{ items: Record<string, unknown>[]; pages: ListPage[] }> {
  const items: Record<string, unknown>[] = [];
  const pages: ListPage[] = [];
  let cursor: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    const res = await post(sim, token, "content/list", { ...body, ...(cursor ? { cursor } : {}) }, query);
    if (res.status !== 200) throw new Error(`content/list answered ${res.status}: ${await res.text()}`);
    const page = (await res.json()) as ListPage;
    pages.push(page);
    items.push(...(page.items ?? []));
    if (!page.more) break;
    if (!page.cursor || seen.has(page.cursor)) throw new Error("broken listing: more without a new cursor");
    seen.add(page.cursor);
    cursor = page.cursor;
  }
  return { items, pages };
}

export const control = async (sim: RunningSimulator, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${sim.url}/_sim/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
};
