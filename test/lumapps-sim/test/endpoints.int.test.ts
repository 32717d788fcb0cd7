// biome-ignore-all lint/suspicious/noExplicitAny: the tests read JSON answers loosely, as a client sees them
import { describe, expect, it } from "vitest";
import { groups, startSimulator } from "../src/index.ts";
import { useSimulator } from "../src/vitest.ts";
import { get, mintToken, useTokens } from "./helpers.ts";

describe("instance/list, content/get, metadata and content types", () => {
  const sim = useSimulator({ seed: "fixture" }, { reset: false });
  const tokens = useTokens(sim);

  it("lists sites with paging and the fields of reference/instance_list.json", async () => {
    const first = (await (await get(sim, tokens.reader, "instance/list", { maxResults: "1" })).json()) as any;
    expect(first.items).toHaveLength(1);
    expect(first.more).toBe(true);
    const second = (await (
      await get(sim, tokens.reader, "instance/list", { maxResults: "1", cursor: first.cursor })
    ).json()) as any;
    expect(second.more).toBe(false);
    expect(second).not.toHaveProperty("cursor");
    for (const key of ["id", "uid", "name", "title", "slug", "status", "langs", "defaultLang", "customer"]) {
      expect(first.items[0]).toHaveProperty(key);
    }
    const projected = (await (
      await get(sim, tokens.reader, "instance/list", { fields: "items(id,langs)" })
    ).json()) as any;
    expect(Object.keys(projected.items[0]).sort()).toEqual(["id", "langs"]);
  });

  it("gets one content by uid, and answers 404 when it is gone or not readable", async () => {
    const open = sim.control.contents().find((c) => c.status === "LIVE" && c.feedKeys.length === 0)!;
    const res = await get(sim, tokens.reader, "content/get", { uid: open.id, lang: "en" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).template.components).toEqual(open.template.components);
    const hidden = sim.control.contents().find((c) => c.feedKeys.includes(groups.hr))!;
    const notFound = await get(sim, tokens.reader, "content/get", { uid: hidden.id });
    expect(notFound.status).toBe(404);
    expect(((await notFound.json()) as any).error.code).toBe(404);
    expect((await get(sim, tokens.admin, "content/get", { uid: hidden.id })).status).toBe(200);
    const archived = sim.control.contents().find((c) => c.status === "ARCHIVE")!;
    expect((await get(sim, tokens.reader, "content/get", { uid: archived.id })).status).toBe(404);
    expect((await get(sim, tokens.reader, "content/get", { uid: "1234" })).status).toBe(404);
    expect((await get(sim, tokens.reader, "content/get", {})).status).toBe(400);
    const projected = (await (
      await get(sim, tokens.reader, "content/get", { uid: open.id, fields: "id,title" })
    ).json()) as any;
    expect(Object.keys(projected).sort()).toEqual(["id", "title"]);
  });

  it("serves metadata by id with its family, and lists them by family", async () => {
    const tag = sim.control.metadata().find((m) => m.parent)!;
    const res = await get(sim, tokens.reader, "metadata/get", { uid: tag.id });
    const body = (await res.json()) as any;
    expect(body.name).toEqual(tag.name);
    expect(body.familyKey).toBe(tag.parent);
    const family = (await (
      await get(sim, tokens.reader, "metadata/get", { uid: body.familyKey })
    ).json()) as any;
    expect(family.parent).toBeNull();
    expect((await get(sim, tokens.reader, "metadata/get", { uid: "42" })).status).toBe(404);
    const inFamily = (await (
      await get(sim, tokens.reader, "metadata/list", { familyId: body.familyKey })
    ).json()) as any;
    expect(inFamily.items.map((m: any) => m.id)).toContain(tag.id);
    const roots = (await (
      await get(sim, tokens.reader, "metadata/list", { emptyParent: "true" })
    ).json()) as any;
    expect(roots.items.every((m: any) => m.parent === null)).toBe(true);
  });

  it("lists a site's content types, and requires the site", async () => {
    const [site] = sim.control.instances();
    const res = await get(sim, tokens.reader, "customcontenttype/list", { instance: site!.id });
    const body = (await res.json()) as any;
    expect(body.items.map((t: any) => t.functionalInnerId).sort()).toEqual(["news", "page"]);
    expect(body.items[0].name).toHaveProperty("en");
    expect((await get(sim, tokens.reader, "customcontenttype/list")).status).toBe(400);
  });

  it("answers unknown paths and endpoints with 404 and a call id", async () => {
    const v1 = await get(sim, tokens.reader, "nothing/here");
    expect(v1.status).toBe(404);
    expect(v1.headers.get("lumapps-call-id")).toBeTruthy();
    const v2 = await fetch(`${sim.url}/v2/organizations/${sim.org}/articles/1`, {
      headers: { authorization: `Bearer ${tokens.reader}` },
    });
    expect(v2.status).toBe(404);
    expect(((await v2.json()) as any).errors[0].code).toBe("NOT_FOUND");
  });
});

describe("rights on widgets", () => {
  it("returns a widget restricted to other groups by default, and cuts it out in strip mode", async () => {
    for (const widgetRights of ["return", "strip"] as const) {
      const sim = await startSimulator({ seed: "fixture", widgetRights });
      try {
        const target = sim.control.contents().find((c) => c.status === "LIVE" && c.feedKeys.length === 0)!;
        sim.control.setWidgetAudience(target.id, [groups.hr]);
        const served = (await (
          await get(sim, await mintToken(sim), "content/get", { uid: target.id })
        ).json()) as any;
        const html = JSON.stringify(served.template).includes('"widgetType":"html"');
        expect(html).toBe(widgetRights === "return");
        const admin = await mintToken(sim, sim.users.find((u) => u.admin)!);
        const full = (await (await get(sim, admin, "content/get", { uid: target.id })).json()) as any;
        expect(JSON.stringify(full.template)).toContain(groups.hr);
      } finally {
        await sim.close();
      }
    }
  });

  it("shows content to users of any of its groups; empty feedKeys to everyone", async () => {
    const sim = await startSimulator({ seed: "fixture" });
    try {
      const [a, b] = sim.control.contents().filter((c) => c.status === "LIVE" && c.feedKeys.length === 0);
      sim.control.setAudience(a!.id, [groups.board, groups.it]);
      sim.control.setAudience(b!.id, [groups.board]);
      const reader = await mintToken(sim);
      expect((await get(sim, reader, "content/get", { uid: a!.id })).status).toBe(200);
      expect((await get(sim, reader, "content/get", { uid: b!.id })).status).toBe(404);
    } finally {
      await sim.close();
    }
  });
});
