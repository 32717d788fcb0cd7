import { type LocalEdge, startLocalEdge } from "@lumasnip/edge/local";
import { groups } from "@lumasnip/lumapps-sim";
import { kvKeys, type Manifest, type Snippet } from "@lumasnip/schema";

/** Read keys of the tests, one per audience, and the publisher's write key. */
export interface EdgeKeys {
  write: string;
  /** every audience */
  all: string;
  allStaff: string;
  it: string;
  hr: string;
}
export type ReaderName = Exclude<keyof EdgeKeys, "write">;
export const READERS: ReaderName[] = ["all", "allStaff", "it", "hr"];
/** the groups each read key was given */
export const READER_AUDIENCES: Record<ReaderName, string[]> = {
  all: ["*"],
  allStaff: [groups.allStaff],
  it: [groups.it],
  hr: [groups.hr],
};

export interface TestEdge {
  local: LocalEdge;
  url: string;
  keys: EdgeKeys;
  /** GET with a read key: status and parsed body (text when not JSON) */
  get(path: string, reader: ReaderName): Promise<{ status: number; body: unknown }>;
  /** a content's snippets in one language, or the status when not 200 */
  snippets(contentKey: string, lang: string, reader?: ReaderName): Promise<SnippetsPage | number>;
  manifest(contentKey: string, reader?: ReaderName): Promise<Manifest | number>;
  close(): Promise<void>;
}

export interface SnippetsPage {
  key: string;
  version: number;
  lang: string;
  languages: string[];
  snippets: Snippet[];
}

/** Short grace so stale snippets can be collected within a test (see docs/resilience.md). */
export const GRACE_SECONDS = 2;

export async function startTestEdge(options: { persistDir?: string } = {}): Promise<TestEdge> {
  const local = await startLocalEdge({
    vars: { STALE_GRACE_SECONDS: String(GRACE_SECONDS), ALLOW_SHORT_GRACE: "true", AUTH_CACHE_SECONDS: "0" },
    ...(options.persistDir ? { persistDir: options.persistDir } : {}),
  });
  const createKey = async (name: string, audiences: string[], scopes: string[]) => {
    const res = await fetch(`${local.url}/admin/v1/keys`, {
      method: "POST",
      headers: { authorization: `Bearer ${local.adminSecret}`, "content-type": "application/json" },
      body: JSON.stringify({ name, audiences, scopes }),
    });
    if (res.status !== 201) throw new Error(`creating key ${name}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { key: string }).key;
  };
  const keys: EdgeKeys = {
    write: await createKey("e2e-publisher", ["*"], ["write"]),
    all: await createKey("e2e-all", READER_AUDIENCES.all, ["read"]),
    allStaff: await createKey("e2e-all-staff", READER_AUDIENCES.allStaff, ["read"]),
    it: await createKey("e2e-it", READER_AUDIENCES.it, ["read"]),
    hr: await createKey("e2e-hr", READER_AUDIENCES.hr, ["read"]),
  };
  const get = async (path: string, reader: ReaderName) => {
    const res = await fetch(`${local.url}${path}`, { headers: { authorization: `Bearer ${keys[reader]}` } });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: res.status, body };
  };
  return {
    local,
    url: local.url,
    keys,
    get,
    async snippets(contentKey, lang, reader = "all") {
      const r = await get(`/v1/contents/${encodeURIComponent(contentKey)}/snippets?lang=${lang}`, reader);
      return r.status === 200 ? (r.body as SnippetsPage) : r.status;
    },
    async manifest(contentKey, reader = "all") {
      const r = await get(`/v1/contents/${encodeURIComponent(contentKey)}`, reader);
      return r.status === 200 ? (r.body as Manifest) : r.status;
    },
    close: () => local.close(),
  };
}

/** Every key of one KV prefix (KV lists 1,000 at a time). */
export async function listKv(edge: TestEdge, prefix: string): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await edge.local.kv.list({ prefix, ...(cursor ? { cursor } : {}) });
    out.push(...page.keys.map((k) => k.name));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return out;
}

/** What the edge's KV holds: the manifests by content key and every stored snippet id. */
export async function edgeContents(
  edge: TestEdge,
): Promise<{ manifests: Map<string, Manifest>; snippetIds: string[] }> {
  const manifests = new Map<string, Manifest>();
  for (const name of await listKv(edge, "m:")) {
    const m = (await edge.local.kv.get(name, "json")) as Manifest | null;
    if (m) manifests.set(m.key, m);
  }
  const snippetIds = (await listKv(edge, kvKeys.snippet(""))).map((k) => k.slice(2));
  return { manifests, snippetIds };
}
