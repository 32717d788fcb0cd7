import { hash128, type Snippet } from "@lumasnip/schema";
import type { LocalEdge } from "../src/local/start-local-edge.ts";

async function admin(
  edge: LocalEdge,
  key: string,
  method: string,
  path: string,
  body: unknown,
): Promise<unknown> {
  const res = await fetch(`${edge.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** Publishes `contents` contents of `perContent` snippets through the admin API; returns a read key and the ids. */
export async function seedContents(edge: LocalEdge, contents: number, perContent: number) {
  const createKey = async (scopes: string[]) =>
    (
      (await admin(edge, edge.adminSecret, "POST", "/admin/v1/keys", {
        name: scopes.join("+"),
        audiences: ["*"],
        scopes,
      })) as { key: string }
    ).key;
  const writeKey = await createKey(["write"]);
  const readKey = await createKey(["read"]);
  const snippetIds: string[] = [];
  const contentKeys: string[] = [];
  let url = "";
  for (let c = 0; c < contents; c++) {
    const key = `acme:${1000 + c}`;
    const pageUrl = `https://intranet.example.com/en/bench/${c}`;
    url ||= pageUrl;
    const texts = Array.from({ length: perContent }, (_, i) =>
      `Paragraph ${i} of content ${c}. `.repeat(12).trim(),
    );
    const ids = await Promise.all(texts.map((t) => hash128(`${key}|${t}`)));
    const snippets: Snippet[] = texts.map((text, i) => ({
      id: ids[i] as string,
      key,
      lang: "en",
      ordinal: i,
      prevId: ids[i - 1] ?? null,
      nextId: ids[i + 1] ?? null,
      text,
      title: `Bench content ${c}`,
      headingPath: ["Section"],
      url: pageUrl,
      kind: "text",
      tokens: 60,
      tags: ["metadata:bench"],
      audience: ["*"],
      updatedAt: "2026-11-20T10:00:00.000Z",
    }));
    await admin(edge, writeKey, "PUT", "/admin/v1/snippets", { key, snippets });
    await admin(edge, writeKey, "POST", `/admin/v1/manifests/${key}/commit`, {
      expectedVersion: null,
      manifest: {
        schemaVersion: 1,
        key,
        sourceId: "acme",
        contentId: String(1000 + c),
        sourceVersion: 1,
        contentHash: `h${c}`,
        type: "page",
        site: { id: "bench" },
        title: { en: `Bench content ${c}` },
        url: { en: pageUrl },
        tags: [{ id: "metadata:bench", labels: { en: "Bench" } }],
        audience: ["*"],
        updatedAt: "2026-11-20T10:00:00.000Z",
        languages: [{ lang: "en", snippetIds: ids }],
      },
    });
    snippetIds.push(...ids);
    contentKeys.push(key);
  }
  return { readKey, snippetIds, contentKeys, url };
}
