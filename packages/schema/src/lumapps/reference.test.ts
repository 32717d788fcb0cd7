import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { repoRoot } from "@lumasnip/testkit";
import { describe, expect, it } from "vitest";
import {
  LumAppsArticleSchema,
  LumAppsContentSchema,
  LumAppsDiscoveryDocumentSchema,
  LumAppsListEnvelopeSchema,
  LumAppsSiteSchema,
  LumAppsTemplateSchema,
  LumAppsV2ErrorBodySchema,
  lumAppsListEnvelopeSchema,
} from "./index.ts";

const dir = process.env.LUMASNIP_LUMAPPS_REFERENCE_DIR ?? resolve(repoRoot, "../shared/lumapps/reference");
const present = existsSync(resolve(dir, "content_1.json"));
if (!present && process.env.CI) throw new Error(`CI needs the LumApps reference files at ${dir}`);
const read = (name: string): unknown => JSON.parse(readFileSync(resolve(dir, name), "utf8"));

/** Which schema each reference file is an example of; a new file without an entry fails the suite. */
const parsers: Record<string, (raw: unknown) => unknown> = {
  "content_1.json": (raw) => LumAppsContentSchema.parse(raw),
  "community_1.json": (raw) => LumAppsContentSchema.parse(raw),
  "template_1.json": (raw) => LumAppsTemplateSchema.parse(raw),
  "instance_list.json": (raw) => lumAppsListEnvelopeSchema(LumAppsSiteSchema).parse(raw),
  "instance_list_more_1.json": (raw) => lumAppsListEnvelopeSchema(LumAppsSiteSchema).parse(raw),
  "instance_list_more_2.json": (raw) => lumAppsListEnvelopeSchema(LumAppsSiteSchema).parse(raw),
  "list_empty.json": (raw) => LumAppsListEnvelopeSchema.parse(raw),
  "lumapps_discovery.json": (raw) => LumAppsDiscoveryDocumentSchema.parse(raw),
  "v2_article.json": (raw) => LumAppsArticleSchema.parse(recorded(raw)),
  "v2_article_not_found.json": (raw) => LumAppsV2ErrorBodySchema.parse(recorded(raw)),
};

/** The SDK's recorded exchanges wrap the answer as `{request, response: {status, headers, body}}`. */
function recorded(raw: unknown): unknown {
  return (raw as { response: { body: unknown } }).response.body;
}

describe.skipIf(!present)(`the LumApps reference files (${present ? dir : `missing: ${dir}`})`, () => {
  it("has a parser for every file in the folder", () => {
    const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
    expect(files.filter((f) => !(f in parsers))).toEqual([]);
  });

  it.each(Object.keys(parsers))("parses %s", (name) => {
    expect(() => parsers[name]!(read(name))).not.toThrow();
  });

  it("keeps the live top-level version apart from a newer draft revision", () => {
    const content = LumAppsContentSchema.parse(read("content_1.json"));
    expect(content.version).toBe(4);
    expect(content.lastRevision?.version).toBe(6);
    expect(content.feedKeys).toEqual(["33333333333333"]);
  });

  it("keeps every widget's feedKeys and unknown fields of the template", () => {
    const content = LumAppsContentSchema.parse(read("content_1.json"));
    const widgets = content.template?.components?.flatMap((row) =>
      (row.cells ?? []).flatMap((cell) => cell.components ?? []),
    );
    expect(widgets?.length).toBeGreaterThan(0);
    for (const widget of widgets ?? []) {
      expect(widget.type).toBe("widget");
      expect(Array.isArray(widget.feedKeys)).toBe(true);
    }
    expect(content).toHaveProperty("canMarkRelevant", true);
  });

  it("reads a two-page site listing's paging fields", () => {
    const first = lumAppsListEnvelopeSchema(LumAppsSiteSchema).parse(read("instance_list_more_1.json"));
    expect(first.more).toBe(true);
    expect(first.cursor).toBe("foo_cursor");
    expect(first.items?.map((s) => s.id)).toEqual(["1111111", "5555555"]);
  });
});

describe("the tolerant LumApps content schema", () => {
  it("accepts a projected content with only an id, an unknown widget and odd language codes", () => {
    const parsed = LumAppsContentSchema.parse({
      id: 42,
      title: { pt_br: "Olá", "en-US": "Hi", jp: null },
      version: "7",
      template: {
        components: [{ type: "widget", widgetType: "some-future-widget", properties: { x: [1] } }],
      },
    });
    expect(parsed.id).toBe("42");
    expect(parsed.version).toBe(7);
  });

  it("accepts a title that is a bare string, as the discovery document types it", () => {
    expect(LumAppsContentSchema.parse({ id: "1", title: "Plain" }).title).toBe("Plain");
  });

  it("fails closed on a widget whose feedKeys is not a list of group ids, naming the path", () => {
    const result = LumAppsContentSchema.safeParse({
      id: "1",
      template: {
        components: [{ type: "row", cells: [{ components: [{ type: "widget", feedKeys: "all" }] }] }],
      },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([
      "template",
      "components",
      0,
      "cells",
      0,
      "components",
      0,
      "feedKeys",
    ]);
  });

  it("rejects a content without an id", () => {
    expect(LumAppsContentSchema.safeParse({ title: { en: "x" } }).success).toBe(false);
  });
});
