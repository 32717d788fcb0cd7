import { describe, expect, it } from "vitest";
import { readMarkers } from "./markers.ts";

const item = {
  id: "6789",
  status: "LIVE",
  version: 4,
  updatedAt: "2019-05-27T08:48:37.387555",
  feedKeys: ["g"],
};

describe("readMarkers", () => {
  it("reads the live top-level fields, not lastRevision", () => {
    const r = readMarkers(
      { ...item, lastRevision: { version: 6, updatedAt: "2019-11-20T08:39:41.420135" } } as never,
      "everyone",
    );
    expect(r.ok && r.markers.version).toBe(4);
    expect(r.ok && r.markers.updatedAt).toBe("2019-05-27T08:48:37.387555Z");
  });

  it("refuses an item with a bad date, naming the field", () => {
    const r = readMarkers({ ...item, endDate: "next tuesday" }, "everyone");
    expect(r).toEqual({ ok: false, contentId: "6789", error: expect.stringMatching(/^endDate: not a date/) });
  });

  it("refuses an item without updatedAt or version", () => {
    expect(readMarkers({ ...item, updatedAt: undefined }, "everyone")).toMatchObject({
      ok: false,
      error: "updatedAt: missing",
    });
    expect(readMarkers({ ...item, version: undefined }, "everyone")).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^version/),
    });
  });

  it("refuses an id that cannot be part of a content key", () => {
    expect(readMarkers({ ...item, id: "a b" }, "everyone")).toMatchObject({ ok: false, contentId: "a b" });
  });

  it("keeps metadata ids and the content type", () => {
    const r = readMarkers({ ...item, metadata: ["m1", "m1", "m2"], customContentType: "ct" }, "everyone");
    expect(r.ok && [r.markers.metadataIds, r.markers.contentTypeId]).toEqual([["m1", "m2"], "ct"]);
  });
});
