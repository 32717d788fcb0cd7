import { AUDIENCE_HEADER, type Snippet } from "@lumasnip/schema";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN_SECRET, call, callJson, createKey, publish, writeKey } from "./support/client.ts";
import { type BuiltContent, buildContent } from "./support/fixtures.ts";

const DAY = 86_400_000;
const TAG = "metadata:sec";
const SITE = "sec";
const contents: Record<string, BuiltContent> = {};
const keys: Record<string, string> = {};

beforeAll(async () => {
  const specs = {
    pub: { audience: ["*"] },
    hr: { audience: ["hr"] },
    eng: { audience: ["eng"] },
    hrEng: { audience: ["eng", "hr"] },
    nobody: { audience: [] },
    mixed: { audience: ["*"], narrower: { "en:1": ["board"] } },
    future: { audience: ["*"], publishedAt: new Date(Date.now() + DAY).toISOString() },
    expired: {
      audience: ["*"],
      publishedAt: new Date(Date.now() - 2 * DAY).toISOString(),
      endDate: new Date(Date.now() - DAY).toISOString(),
    },
  };
  let n = 0;
  for (const [name, spec] of Object.entries(specs)) {
    const c = await buildContent({
      contentId: `90${n++}`,
      texts: {
        en: [
          `${name} first paragraph.`,
          `${name} second paragraph, secret to some.`,
          `${name} third paragraph.`,
        ],
      },
      tags: [TAG],
      siteId: SITE,
      ...spec,
    });
    contents[name] = c;
    await publish(c);
  }
  const keySpecs = {
    all: { audiences: ["*"] },
    allTrusted: { audiences: ["*"], trusted: true },
    hr: { audiences: ["hr"] },
    hrEngTrusted: { audiences: ["hr", "eng"], trusted: true },
    board: { audiences: ["board"] },
    none: { audiences: ["nobody-group"] },
  };
  for (const [name, spec] of Object.entries(keySpecs)) keys[name] = await createKey({ name, ...spec });
});

interface View {
  key: string;
  narrow?: string;
  /** contents this view may see; `mixed+` means mixed with its board-only paragraph */
  sees: string[];
}

const VIEWS: View[] = [
  { key: "all", sees: ["pub", "hr", "eng", "hrEng", "nobody", "mixed+"] },
  { key: "allTrusted", narrow: "hr", sees: ["pub", "hr", "hrEng", "mixed"] },
  { key: "allTrusted", narrow: "", sees: ["pub", "mixed"] },
  { key: "allTrusted", narrow: "board", sees: ["pub", "mixed+"] },
  { key: "hr", sees: ["pub", "hr", "hrEng", "mixed"] },
  { key: "hrEngTrusted", sees: ["pub", "hr", "eng", "hrEng", "mixed"] },
  { key: "hrEngTrusted", narrow: "eng", sees: ["pub", "eng", "hrEng", "mixed"] },
  { key: "hrEngTrusted", narrow: "board,hr", sees: ["pub", "hr", "hrEng", "mixed"] },
  { key: "hrEngTrusted", narrow: "*", sees: ["pub", "mixed"] },
  { key: "board", sees: ["pub", "mixed+"] },
  { key: "none", sees: ["pub", "mixed"] },
];

function request(view: View): { key: string; headers: Record<string, string> } {
  const headers: Record<string, string> = view.narrow === undefined ? {} : { [AUDIENCE_HEADER]: view.narrow };
  return { key: keys[view.key] as string, headers };
}

/** What an unknown item answers: status and body a hidden one must match byte for byte. */
async function unknown(
  path: string,
  view: View,
): Promise<{ status: number; body: string; type: string | null }> {
  const res = await call(path, request(view));
  return { status: res.status, body: await res.text(), type: res.headers.get("content-type") };
}

describe("who may read what: keys × audiences × trusted narrowing × routes", () => {
  for (const view of VIEWS) {
    const label = `${view.key}${view.narrow === undefined ? "" : ` narrowed to "${view.narrow}"`}`;

    it(`${label}: sees exactly its contents, and hidden ones answer like unknown ones`, async () => {
      const visible = new Set(view.sees.map((s) => s.replace("+", "")));
      const boardParagraph = contents.mixed?.ids.en?.[1] as string;
      const seesBoard = view.sees.includes("mixed+");
      const hiddenMarks: string[] = [];
      for (const [name, c] of Object.entries(contents)) {
        if (!visible.has(name))
          hiddenMarks.push(c.key, ...c.snippets.map((s) => s.id), `${name} first paragraph`);
      }
      if (!seesBoard) hiddenMarks.push(boardParagraph, "mixed second paragraph");
      const leaks = (text: string, where: string) => {
        for (const mark of hiddenMarks)
          expect(text.includes(mark), `${label}: ${where} leaks ${mark}`).toBe(false);
      };

      const missingManifest = await unknown("/v1/contents/acme:missing", view);
      const missingSnippets = await unknown("/v1/contents/acme:missing/snippets", view);
      const missingSnippet = await unknown(`/v1/snippets/${"b".repeat(26)}`, view);
      const missingUrl = await unknown(
        `/v1/lookup?url=${encodeURIComponent("https://intranet.example.com/none")}`,
        view,
      );
      expect(missingManifest.status).toBe(404);

      for (const [name, c] of Object.entries(contents)) {
        const manifest = await unknown(`/v1/contents/${c.key}`, view);
        const snippets = await unknown(`/v1/contents/${c.key}/snippets`, view);
        const lookup = await unknown(`/v1/lookup?url=${encodeURIComponent(c.url.en as string)}`, view);
        if (!visible.has(name)) {
          expect(manifest, `${label}: manifest of ${name}`).toEqual(missingManifest);
          expect(snippets, `${label}: snippets of ${name}`).toEqual(missingSnippets);
          expect(lookup, `${label}: lookup of ${name}`).toEqual(missingUrl);
        } else {
          expect(manifest.status, `${label}: manifest of ${name}`).toBe(200);
          expect(snippets.status).toBe(200);
          expect(lookup.status).toBe(200);
          for (const [where, r] of [
            ["manifest", manifest],
            ["snippets", snippets],
            ["lookup", lookup],
          ] as const)
            leaks(r.body, `${where} of ${name}`);
          const served = (JSON.parse(snippets.body) as { snippets: Snippet[] }).snippets;
          expect(served.map((s) => s.ordinal)).toEqual(served.map((_, i) => i));
          expect(served.length).toBe(name === "mixed" && !seesBoard ? 2 : 3);
          if (name === "mixed" && !seesBoard) {
            expect(served[0]?.nextId).toBe(served[1]?.id);
            expect(served[1]?.prevId).toBe(served[0]?.id);
          }
        }
        for (const s of c.snippets) {
          const one = await unknown(`/v1/snippets/${s.id}`, view);
          const shouldSee = visible.has(name) && (s.id !== boardParagraph || seesBoard);
          if (shouldSee) {
            expect(one.status, `${label}: snippet of ${name}`).toBe(200);
            leaks(one.body, `snippet of ${name}`);
          } else {
            expect(one, `${label}: hidden snippet of ${name}`).toEqual(missingSnippet);
          }
        }
      }

      for (const path of [`/v1/tags/${TAG}/contents`, `/v1/sites/acme/${SITE}/contents`]) {
        const keysSeen: string[] = [];
        let cursor: string | null = null;
        do {
          const res = await call(`${path}?limit=2${cursor ? `&cursor=${cursor}` : ""}`, request(view));
          const text = await res.text();
          expect(res.status).toBe(200);
          leaks(text, path);
          const page = JSON.parse(text) as { items: { key: string }[]; cursor: string | null };
          keysSeen.push(...page.items.map((i) => i.key));
          cursor = page.cursor;
        } while (cursor);
        expect(keysSeen.sort(), `${label}: ${path}`).toEqual(
          [...visible].map((v) => contents[v]?.key).sort(),
        );
      }
    });
  }

  it("never serves content before its publication date or after its end date, even to a key that sees everything", async () => {
    for (const name of ["future", "expired"]) {
      const c = contents[name] as BuiltContent;
      expect((await call(`/v1/contents/${c.key}`, { key: keys.all })).status).toBe(404);
      expect((await call(`/v1/snippets/${c.ids.en?.[0]}`, { key: keys.all })).status).toBe(404);
    }
  });
});

describe("keys and scopes", () => {
  it("answers no key, a malformed header, an unknown key and a revoked key with one 401 body", async () => {
    const path = `/v1/contents/${contents.pub?.key}`;
    const revoked = await createKey({ name: "to revoke", audiences: ["*"] });
    expect((await call(path, { key: revoked })).status).toBe(200);
    const { keys: listed } = await callJson<{ keys: { id: string; name: string }[] }>("/admin/v1/keys", {
      key: ADMIN_SECRET,
    });
    const id = listed.find((k) => k.name === "to revoke")?.id as string;
    expect(await callJson(`/admin/v1/keys/${id}`, { key: ADMIN_SECRET, method: "DELETE" })).toEqual({
      revoked: true,
    });

    const answers = await Promise.all([
      call(path),
      call(path, { headers: { authorization: "Basic dXNlcjpwYXNz" } }),
      call(path, { headers: { authorization: "Bearer" } }),
      call(path, { key: "x".repeat(600) }),
      call(path, { key: `lsk_${"A".repeat(43)}` }),
      call(path, { key: "not-a-key" }),
      call(path, { key: revoked }),
      call(path, { key: ADMIN_SECRET.slice(0, -1) }),
    ]);
    const bodies = await Promise.all(answers.map((r) => r.text()));
    for (const [i, r] of answers.entries()) {
      expect(r.status, `case ${i}`).toBe(401);
      expect(r.headers.get("www-authenticate")).toContain("Bearer");
      expect(bodies[i], `case ${i}`).toBe(bodies[0]);
    }
    expect(JSON.parse(bodies[0] as string)).toEqual({
      error: { code: "unauthorized", message: "a valid API key is required" },
    });
  });

  it("answers a key without the route's scope with one 403 body, on every admin and read route", async () => {
    const writer = await writeKey();
    const adminKey = await createKey({ name: "admin", audiences: ["*"], scopes: ["admin"] });
    const c = contents.pub as BuiltContent;
    const cases: [string, string, string, unknown?][] = [
      [keys.all as string, "GET", `/admin/v1/manifests/${c.key}`],
      [keys.all as string, "PUT", "/admin/v1/snippets", { key: c.key, snippets: c.snippets }],
      [
        keys.all as string,
        "POST",
        `/admin/v1/manifests/${c.key}/commit`,
        { expectedVersion: 1, manifest: c.manifest },
      ],
      [keys.all as string, "DELETE", `/admin/v1/contents/${c.key}`],
      [keys.all as string, "POST", "/admin/v1/gc"],
      [keys.all as string, "GET", "/admin/v1/keys"],
      [keys.all as string, "POST", "/admin/v1/keys", { name: "x", audiences: ["*"], scopes: ["admin"] }],
      [writer, "GET", "/admin/v1/keys"],
      [writer, "DELETE", "/admin/v1/keys/0123456789abcdef"],
      [writer, "GET", `/v1/contents/${c.key}`],
      [adminKey, "GET", `/v1/contents/${c.key}`],
      [adminKey, "PUT", "/admin/v1/snippets", { key: c.key, snippets: c.snippets }],
      [keys.hr as string, "GET", `/v1/contents/${c.key}`, undefined],
    ];
    const bodies: string[] = [];
    for (const [key, method, path, body] of cases.slice(0, -1)) {
      const res = await call(path, { key, method, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      bodies.push(await res.text());
    }
    // an untrusted key narrowing its view is refused the same way
    const narrowing = await call(`/v1/contents/${c.key}`, {
      key: keys.hr,
      headers: { [AUDIENCE_HEADER]: "hr" },
    });
    expect(narrowing.status).toBe(403);
    bodies.push(await narrowing.text());
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0] as string)).toEqual({
      error: { code: "forbidden", message: "this key may not do this" },
    });
    expect((await call(`/v1/contents/${c.key}`, { key: keys.all })).status).toBe(200);
  });

  it("treats the bootstrap secret as no key at all outside the key routes (and /admin/v1/gc)", async () => {
    const c = contents.pub as BuiltContent;
    expect((await call(`/v1/contents/${c.key}`, { key: ADMIN_SECRET })).status).toBe(401);
    expect((await call(`/admin/v1/contents/${c.key}`, { key: ADMIN_SECRET, method: "DELETE" })).status).toBe(
      401,
    );
    expect((await call("/admin/v1/gc", { key: ADMIN_SECRET, method: "POST" })).status).toBe(200);
  });

  it("answers 400 to a trusted key's malformed audience header", async () => {
    for (const bad of ["a b", "x".repeat(200), Array.from({ length: 1001 }, (_, i) => `g${i}`).join(",")]) {
      const res = await call(`/v1/contents/${contents.pub?.key}`, {
        key: keys.allTrusted,
        headers: { [AUDIENCE_HEADER]: bad },
      });
      expect(res.status).toBe(400);
    }
  });

  it("keeps only the hash of a key: the plaintext is shown once and never listed", async () => {
    const created = await callJson<{ id: string; key: string }>(
      "/admin/v1/keys",
      {
        key: ADMIN_SECRET,
        method: "POST",
        body: { name: "shown once", audiences: ["g1"], scopes: ["read"] },
      },
      201,
    );
    expect(created.key).toMatch(/^lsk_[A-Za-z0-9_-]{43}$/);
    expect(created.id).toMatch(/^[0-9a-f]{16}$/);
    const res = await call("/admin/v1/keys", { key: ADMIN_SECRET });
    const text = await res.text();
    expect(text).not.toContain(created.key);
    expect(text).not.toContain(created.key.slice(4, 20));
    const listed = (JSON.parse(text) as { keys: { id: string; name: string; audiences: string[] }[] }).keys;
    expect(listed.find((k) => k.id === created.id)).toMatchObject({ name: "shown once", audiences: ["g1"] });
    expect(
      (await call("/admin/v1/keys/ffffffffffffffff", { key: ADMIN_SECRET, method: "DELETE" })).status,
    ).toBe(404);
    expect((await call("/admin/v1/keys/not-an-id", { key: ADMIN_SECRET, method: "DELETE" })).status).toBe(
      400,
    );
  });
});
