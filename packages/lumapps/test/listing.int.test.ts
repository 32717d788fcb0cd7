import { useSimulator } from "@lumasnip/lumapps-sim/vitest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  BrokenListingError,
  CONTENT_ID_FIELDS,
  collectItems,
  createLumAppsClient,
  type LumAppsClientOptions,
  type Page,
} from "../src/index.ts";
import { connectionFor, startRecordingServer, type TestServer } from "./support.ts";

const sim = useSimulator();
let proxy: TestServer;

beforeAll(async () => {
  proxy = await startRecordingServer({ forwardTo: sim.url });
});
afterAll(async () => {
  await proxy?.close();
});
beforeEach(() => {
  proxy.requests.length = 0;
});

const client = (options: Partial<LumAppsClientOptions> = {}) =>
  createLumAppsClient({ connection: connectionFor(sim), requestsPerSecond: 0, ...options });

/** What the service user may read: LIVE, and an empty audience or one of its groups. */
function readableIds(filter: (c: { type: string; instance: string }) => boolean = () => true): string[] {
  const groups = new Set(sim.serviceUser.groups);
  return sim.control
    .contents()
    .filter((c) => c.status === "LIVE" && (c.feedKeys.length === 0 || c.feedKeys.some((k) => groups.has(k))))
    .filter(filter)
    .map((c) => c.id)
    .sort();
}

async function allPages<T>(pages: AsyncIterable<Page<T>>): Promise<Page<T>[]> {
  const out: Page<T>[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe("listing sites", () => {
  it("pages through every site", async () => {
    const pages = await allPages(client().listSites({ maxResults: 1 }));
    expect(pages.length).toBe(2);
    expect(pages.flatMap((p) => p.items.map((s) => s.id)).sort()).toEqual(
      sim.control
        .instances()
        .map((s) => s.id)
        .sort(),
    );
  });
});

describe("listing content", () => {
  it("lists every readable item of a type to the end, through empty pages that carry a cursor", async () => {
    const pages = await allPages(
      client().listContent({ types: ["page"], action: "PAGE_READ", maxResults: 1 }),
    );
    const ids = pages.flatMap((p) => p.items.map((c) => c.id)).sort();
    expect(ids).toEqual(readableIds((c) => c.type === "page"));
    const emptyWithCursor = pages.filter((p) => p.items.length === 0 && p.nextCursor);
    expect(emptyWithCursor.length).toBeGreaterThan(0);
    expect(pages.at(-1)?.nextCursor).toBeUndefined();
  });

  it("sorts by -updatedAt, lists LIVE only and carries the pipeline's fields, template included", async () => {
    const items = await collectItems(
      client().listContent({ action: "NEWS_READ", siteIds: [sim.control.instances()[0]!.id] }),
    );
    expect(items.length).toBeGreaterThan(0);
    const dates = items.map((c) => c.updatedAt ?? "");
    expect([...dates].sort().reverse()).toEqual(dates);
    for (const item of items) {
      expect(item.status).toBe("LIVE");
      expect(item.type).toBe("news");
      expect(item.template?.components?.length).toBeGreaterThan(0);
      expect(Array.isArray(item.feedKeys)).toBe(true);
    }
  });

  it("sends fields as a query parameter, the request in the body, and the organization and analytics headers", async () => {
    const proxied = client({ connection: connectionFor(sim, { cell: proxy.url }) });
    await collectItems(
      proxied.listContent({ action: "PAGE_READ", types: ["page"], lang: "en", maxResults: 250 }),
    );
    const list = proxy.requests.filter((r) => r.url.pathname.endsWith("/content/list"));
    expect(list.length).toBeGreaterThan(0);
    const first = list[0]!;
    expect(first.method).toBe("POST");
    expect(first.url.searchParams.get("fields")).toMatch(/^items\(id,uid,.*template.*\),more,cursor$/);
    expect(first.headers["x-lumapps-analytics"]).toBe("off");
    expect(first.headers["lumapps-organization-id"]).toBe(sim.org);
    expect(first.headers.authorization).toMatch(/^Bearer /);
    const body = JSON.parse(first.body);
    expect(body).toMatchObject({
      action: "PAGE_READ",
      type: ["page"],
      status: ["LIVE"],
      sortOrder: ["-updatedAt"],
      lang: "en",
      maxResults: "100",
    });
    expect(body.fields).toBeUndefined();
  });

  it("projects a reconcile listing down to ids, change markers and audience", async () => {
    const items = await collectItems(
      client().listContent({ action: "PAGE_READ", fields: CONTENT_ID_FIELDS }),
    );
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(
        Object.keys(item).every((k) =>
          ["id", "uid", "status", "updatedAt", "version", "feedKeys", "public"].includes(k),
        ),
      ).toBe(true);
    }
  });

  it("resumes a listing from a saved cursor", async () => {
    const all = await allPages(client().listContent({ action: "PAGE_READ", maxResults: 3 }));
    const resumed = await allPages(
      client().listContent({ action: "PAGE_READ", maxResults: 3, cursor: all[0]!.nextCursor! }),
    );
    expect(resumed.flatMap((p) => p.items.map((i) => i.id))).toEqual(
      all.slice(1).flatMap((p) => p.items.map((i) => i.id)),
    );
  });

  it("reports a listing whose cursor goes missing mid-way as broken", async () => {
    sim.control.addFault({ route: "content/list", kind: "break-cursor", mode: "missing", times: 1 });
    await expect(
      collectItems(client().listContent({ action: "PAGE_READ", maxResults: 2 })),
    ).rejects.toBeInstanceOf(BrokenListingError);
  });

  it("reports a listing that repeats a cursor as broken", async () => {
    sim.control.addFault({ route: "content/list", kind: "break-cursor", mode: "repeat", times: 1 });
    const error = await collectItems(client().listContent({ action: "PAGE_READ", maxResults: 2 })).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(BrokenListingError);
    expect(error.message).toMatch(/repeated a cursor/);
  });
});

describe("single objects and labels", () => {
  it("gets one content, and undefined for one that is gone", async () => {
    const id = readableIds()[0]!;
    const c = client();
    expect((await c.getContent(id, { lang: "en" }))?.id).toBe(id);
    sim.control.delete(id);
    expect(await c.getContent(id)).toBeUndefined();
  });

  it("lists metadata and gets one by id", async () => {
    const c = client();
    const all = await collectItems(c.listMetadata({ maxResults: 1 }));
    expect(all.length).toBe(sim.control.metadata().length);
    const one = await c.getMetadata(all[0]!.id);
    expect(one?.name).toEqual(all[0]!.name);
    expect(await c.getMetadata("404404")).toBeUndefined();
  });

  it("lists the content types of a site", async () => {
    const site = sim.control.instances()[0]!.id;
    const types = await collectItems(client().listContentTypes(site));
    expect(types.map((t) => t.functionalInnerId).sort()).toEqual(["news", "page"]);
  });
});
