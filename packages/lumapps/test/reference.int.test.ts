import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { lumAppsConnection } from "@lumasnip/auth";
import { LumAppsDiscoveryDocumentSchema } from "@lumasnip/schema";
import { repoRoot } from "@lumasnip/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectItems, createLumAppsClient, type LumAppsClient, LumAppsHttpError } from "../src/index.ts";
import { type Reply, startRecordingServer, type TestServer } from "./support.ts";

const dir = process.env.LUMASNIP_LUMAPPS_REFERENCE_DIR ?? resolve(repoRoot, "../shared/lumapps/reference");
const present = existsSync(resolve(dir, "content_1.json"));
if (!present && process.env.CI) throw new Error(`CI needs the LumApps reference files at ${dir}`);
const read = (name: string) => JSON.parse(readFileSync(resolve(dir, name), "utf8"));
const v1 = "/_ah/api/lumsites/v1/";

/** The SDK's recorded v2 exchanges, replayed with their status and headers. */
function replay(name: string): Reply {
  const { response } = read(name);
  const headers = Object.fromEntries(
    Object.entries(response.headers as Record<string, string[]>).map(([k, v]) => [k, v.join(", ")]),
  );
  return { status: response.status, headers, body: response.body };
}

/**
 * A cell that answers with the reference files: sites in two pages, a content listing of the
 * real content and community objects then an empty last page, one content with the site
 * template as its body, and the recorded v2 article exchanges.
 */
function answer(path: string, cursor: string | undefined, pageSize: string | null): Reply | undefined {
  if (path.endsWith("/application-token"))
    return { status: 200, body: { access_token: "a.b.c", expires_in: 3600 } };
  if (path === `${v1}instance/list`) {
    if (pageSize === "2") return { status: 200, body: read("instance_list.json") };
    return {
      status: 200,
      body: read(cursor === "foo_cursor" ? "instance_list_more_2.json" : "instance_list_more_1.json"),
    };
  }
  if (path === `${v1}content/list`) {
    if (cursor === "page-2") return { status: 200, body: read("list_empty.json") };
    return {
      status: 200,
      body: { items: [read("content_1.json"), read("community_1.json")], more: true, cursor: "page-2" },
    };
  }
  if (path === `${v1}content/get`)
    return { status: 200, body: { ...read("content_1.json"), template: read("template_1.json") } };
  if (path.endsWith("/articles/3efd23b6-1738-46d2-94a9-e55343e1bf1e")) return replay("v2_article.json");
  if (path.includes("/articles/")) return replay("v2_article_not_found.json");
  if (path === `${v1}metadata/get`) return { ...replay("v2_article_not_found.json"), status: 403 };
  return undefined;
}

describe.skipIf(!present)("the LumApps reference files through the client", () => {
  let cell: TestServer;
  let client: LumAppsClient;

  beforeAll(async () => {
    cell = await startRecordingServer({
      answer: (req) => {
        const json =
          String(req.headers["content-type"]).includes("json") && req.body ? JSON.parse(req.body) : {};
        const query = req.url.searchParams;
        return answer(req.url.pathname, query.get("cursor") ?? json.cursor, query.get("maxResults"));
      },
    });
    client = createLumAppsClient({
      connection: lumAppsConnection({
        organizationId: "5663677907730432",
        applicationId: "app",
        applicationSecret: "secret-value",
        authorizedUserId: "5746378759208960",
        cell: cell.url,
      }),
      requestsPerSecond: 0,
      timeouts: { defaultMs: 5000, listMs: 5000 },
      retry: { maxAttempts: 1 },
    });
  });
  afterAll(async () => {
    await cell?.close();
  });

  it("pages the two-page site listing (instance_list_more_1/2.json)", async () => {
    const sites = await collectItems(client.listSites());
    expect(sites.map((s) => s.id)).toEqual(["1111111", "5555555", "666666", "7777777"]);
    expect(sites[0]?.title).toEqual({ en: "Test Site 1" });
  });

  it("reads a one-page site listing (instance_list.json)", async () => {
    const sites = await collectItems(client.listSites({ maxResults: 2 }));
    expect(sites.map((s) => s.langs)).toEqual([
      ["fr", "en"],
      ["fr", "en"],
    ]);
  });

  it("parses content_1.json and community_1.json in a listing, then an empty last page (list_empty.json)", async () => {
    const pages = [];
    for await (const page of client.listContent({ action: "PAGE_READ" })) pages.push(page);
    expect(pages.map((p) => p.items.length)).toEqual([2, 0]);
    expect(pages[0]?.invalid).toEqual([]);
    expect(pages[0]?.items.map((c) => c.id)).toEqual(["6789", "67890"]);
  });

  it("parses a content whose body is template_1.json", async () => {
    const content = await client.getContent("6789");
    expect(content?.template?.components?.length).toBeGreaterThan(0);
  });

  it("parses the v2 article (v2_article.json) and answers undefined for v2_article_not_found.json", async () => {
    expect(
      (await client.getArticle("3efd23b6-1738-46d2-94a9-e55343e1bf1e"))?.structuredContent?.dita?.lang,
    ).toBe("en");
    expect(await client.getArticle("3efd23b6-1738-46d2-94a9-000000000000")).toBeUndefined();
  });

  it("keeps a v2 error body's code and detail and its LumApps-Call-Id on the error", async () => {
    const error = await client.getMetadata("1").catch((e) => e);
    expect(error).toBeInstanceOf(LumAppsHttpError);
    expect(error.callId).toBe("dba8511454d14e488a28e0ba0c00f0cb");
    expect(error.detail).toMatch(/NOT_FOUND .*Can't find article/);
  });

  it("sends only requests the discovery document (lumapps_discovery.json) declares", () => {
    const doc = LumAppsDiscoveryDocumentSchema.parse(read("lumapps_discovery.json"));
    const methods = Object.values(doc.resources).flatMap((r) => Object.values(r.methods ?? {}));
    const v1Requests = cell.requests.filter((r) => r.url.pathname.startsWith(v1));
    expect(v1Requests.length).toBeGreaterThan(0);
    for (const req of v1Requests) {
      const path = req.url.pathname.slice(v1.length);
      const method = methods.find((m) => m.path === path && m.httpMethod === req.method);
      expect(method, `${req.method} ${path}`).toBeDefined();
      for (const param of req.url.searchParams.keys()) {
        const declared = method?.parameters?.[param] ?? doc.parameters[param];
        expect(declared?.location, `${path}?${param}`).toBe("query");
      }
      if (method?.request && req.body) {
        const properties = doc.schemas[method.request.$ref]?.properties ?? {};
        for (const key of Object.keys(JSON.parse(req.body)))
          expect(properties, `${path} body.${key}`).toHaveProperty(key);
      }
    }
  });
});
