import { describe, expect, it } from "vitest";
import { ProjectionError, parseFields, project } from "./projection.ts";

const envelope = {
  items: [
    {
      id: "1",
      title: { en: "A" },
      template: { components: [{ type: "row" }], id: "" },
      lastRevision: { version: 2 },
    },
    { id: "2", title: { en: "B" }, template: { components: [], id: "" } },
  ],
  more: true,
  cursor: "c",
  callId: "x",
};

describe("partial responses", () => {
  it("keeps only the selected fields, through arrays", () => {
    expect(project(envelope, parseFields("items(id),more"))).toEqual({
      items: [{ id: "1" }, { id: "2" }],
      more: true,
    });
  });

  it("follows a/b paths and nested selections, and merges repeated selections", () => {
    const out = project(
      envelope,
      parseFields("items(id,template/components,lastRevision(version)),items/title,cursor"),
    );
    expect(out).toEqual({
      items: [
        {
          id: "1",
          title: { en: "A" },
          template: { components: [{ type: "row" }] },
          lastRevision: { version: 2 },
        },
        { id: "2", title: { en: "B" }, template: { components: [] } },
      ],
      cursor: "c",
    });
  });

  it("selects everything with *", () => {
    expect(project({ a: 1, b: { c: 2 } }, parseFields("*"))).toEqual({ a: 1, b: { c: 2 } });
  });

  it("refuses a malformed selection", () => {
    for (const bad of ["items(id", "items)", "", "a,,b", "a/"])
      expect(() => parseFields(bad)).toThrow(ProjectionError);
  });
});
