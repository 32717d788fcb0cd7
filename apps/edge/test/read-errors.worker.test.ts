import { ErrorBodySchema } from "@lumasnip/schema";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createKey, publish, writeKey } from "./support/client.ts";
import { type BuiltContent, buildContent } from "./support/fixtures.ts";

let reader: string;
let content: BuiltContent;

beforeAll(async () => {
  reader = await createKey({ audiences: ["*"] });
  content = await buildContent({ contentId: "3001", texts: { en: ["One.", "Two."] }, tags: ["metadata:7"] });
  await publish(content);
  await call(`/v1/contents/${content.key}`, { key: reader }); // the key's record is now cached
});

/** Every bad input answers a 4xx with the one error shape, never a 5xx. */
async function expectClientError(
  path: string,
  init: Parameters<typeof call>[1] = {},
  status?: number,
): Promise<{ code: string }> {
  const res = await call(path, { key: reader, ...init });
  const text = await res.text();
  expect(res.status, `${path} -> ${res.status} ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, path).toBeLessThan(500);
  if (status) expect(res.status, path).toBe(status);
  const body = ErrorBodySchema.parse(JSON.parse(text));
  return body.error;
}

const huge = "a".repeat(20_000);
const badIds = [
  "x",
  "A".repeat(26),
  "a".repeat(27),
  huge,
  "é".repeat(26),
  encodeURIComponent("日本語のid"),
  "%F0%9F%92%A9",
  "..",
  "%2e%2e",
  "%2F",
  "abc%2Fdef",
  "%00",
  `${"a".repeat(25)}%00`,
  "%E0%A4%A",
  "%",
  "a%20b",
  "%0d%0aset-cookie:x",
];

describe("the read API refuses bad parameters before touching KV", () => {
  it("answers 400 or 404 to bad, huge, unicode, dot-dot, %2F and %00 snippet ids", async () => {
    for (const id of badIds) {
      const res = await call(`/v1/snippets/${id}`, { key: reader });
      expect(res.status, id.slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(res.status, id.slice(0, 40)).toBeLessThan(500);
      if (res.status === 400) expect(Number(res.headers.get("x-lumasnip-kv-ops"))).toBe(0);
    }
  });

  it("answers 4xx to bad content keys on both content routes", async () => {
    const keys = [
      "acme",
      "acme:",
      ":3001",
      "ACME:3001",
      "acme:30%2F01",
      "acme%3A3001%2F..",
      "acme:3001%00",
      `${huge}:1`,
      "acme:é",
      "acme:..",
      "%2e%2e",
      "acme:%E0%A4%A",
    ];
    for (const key of keys) {
      await expectClientError(`/v1/contents/${key}`);
      await expectClientError(`/v1/contents/${key}/snippets`);
    }
  });

  it("answers 400 to a malformed lang, tag, site, url, limit or cursor", async () => {
    expect((await expectClientError(`/v1/contents/${content.key}/snippets?lang=english`, {}, 400)).code).toBe(
      "bad_request",
    );
    await expectClientError(`/v1/contents/${content.key}/snippets?lang=%00`, {}, 400);
    await expectClientError(`/v1/contents/${content.key}/snippets?lang=${huge}`, {}, 400);
    for (const tag of [
      "foo",
      "metadata:",
      "metadata:a%2Fb",
      "metadata:%00",
      "secret:1",
      encodeURIComponent("metadata:ü"),
    ]) {
      await expectClientError(`/v1/tags/${tag}/contents`, {}, 400);
    }
    await expectClientError("/v1/sites/ACME/hr/contents", {}, 400);
    await expectClientError("/v1/sites/acme/h%2Fr/contents", {}, 400);
    await expectClientError("/v1/sites/acme/%00/contents", {}, 400);
    for (const url of [
      "",
      "not a url",
      "ftp://intranet.example.com/x",
      "javascript:alert(1)",
      `https://x.example/${huge}`,
    ]) {
      await expectClientError(`/v1/lookup?url=${encodeURIComponent(url)}`, {}, 400);
    }
    await expectClientError("/v1/lookup", {}, 400);
    for (const limit of ["0", "101", "-1", "abc", "1.5", huge]) {
      await expectClientError(`/v1/tags/metadata:7/contents?limit=${limit}`, {}, 400);
    }
    for (const cursor of ["x", "A".repeat(40), huge, "%00"]) {
      await expectClientError(`/v1/tags/metadata:7/contents?cursor=${cursor}`, {}, 400);
    }
  });

  it("refuses a cursor from another listing", async () => {
    for (let i = 0; i < 3; i++) {
      await publish(
        await buildContent({
          contentId: `310${i}`,
          texts: { en: ["x."] },
          tags: ["metadata:paged"],
          siteId: "paged",
        }),
      );
    }
    const first = await call("/v1/tags/metadata:paged/contents?limit=1", { key: reader });
    const { cursor } = (await first.json()) as { cursor: string };
    expect(cursor).toBeTruthy();
    expect(
      (await call(`/v1/tags/metadata:paged/contents?limit=1&cursor=${cursor}`, { key: reader })).status,
    ).toBe(200);
    await expectClientError(`/v1/tags/metadata:7/contents?cursor=${cursor}`, {}, 400);
    await expectClientError(`/v1/sites/acme/paged/contents?cursor=${cursor}`, {}, 400);
    const tampered = cursor.slice(0, -2) + (cursor.endsWith("A") ? "BB" : "AA");
    await expectClientError(`/v1/tags/metadata:paged/contents?cursor=${tampered}`, {}, 400);
  });

  it("answers unknown routes and methods with the 404 error shape", async () => {
    expect((await expectClientError("/v1/nope", {}, 404)).code).toBe("not_found");
    await expectClientError("/nope", {}, 404);
    await expectClientError(`/v1/snippets/${content.ids.en?.[0]}`, { method: "POST" }, 404);
    await expectClientError("/v1/snippets/", {}, 404);
  });

  it("answers unknown but well-formed ids with 404 not_found", async () => {
    expect(await expectClientError(`/v1/snippets/${"a".repeat(26)}`, {}, 404)).toEqual({
      code: "not_found",
      message: "not found",
    });
    expect(await expectClientError("/v1/contents/acme:999999", {}, 404)).toEqual({
      code: "not_found",
      message: "not found",
    });
    expect(
      await expectClientError(
        `/v1/lookup?url=${encodeURIComponent("https://intranet.example.com/nothing")}`,
        {},
        404,
      ),
    ).toEqual({
      code: "not_found",
      message: "not found",
    });
  });
});

describe("the admin API refuses bad bodies", () => {
  it("answers 400 to malformed JSON, schema mismatches and inconsistent chunks or manifests", async () => {
    const key = await writeKey();
    const put = (body: unknown) => expectClientError("/admin/v1/snippets", { key, method: "PUT", body }, 400);
    const res = await call("/admin/v1/snippets", {
      key,
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(400);
    await put({});
    await put({ key: content.key, snippets: [] });
    await put({ key: "acme:other", snippets: content.snippets });
    await put({ key: content.key, snippets: [content.snippets[0], content.snippets[0]] });
    await put({ key: content.key, snippets: Array.from({ length: 401 }, () => content.snippets[0]) });
    const commit = (path: string, body: unknown) =>
      expectClientError(path, { key, method: "POST", body }, 400);
    await commit(`/admin/v1/manifests/acme:other/commit`, { expectedVersion: 1, manifest: content.manifest });
    await commit(`/admin/v1/manifests/${content.key}/commit`, {
      expectedVersion: 0,
      manifest: content.manifest,
    });
    await commit(`/admin/v1/manifests/${content.key}/commit`, {
      expectedVersion: 1,
      manifest: {
        ...content.manifest,
        languages: [...content.manifest.languages, ...content.manifest.languages],
      },
    });
    await commit("/admin/v1/manifests/%00/commit", { expectedVersion: 1, manifest: content.manifest });
  });

  it("answers 413 to a body over the limit", async () => {
    const key = await writeKey();
    const big = {
      key: content.key,
      snippets: [{ ...content.snippets[0], text: "x".repeat(17 * 1024 * 1024) }],
    };
    const err = await expectClientError("/admin/v1/snippets", { key, method: "PUT", body: big }, 413);
    expect(err.code).toBe("payload_too_large");
  });
});
