import { describe, expect, it } from "vitest";
import type { Markers } from "../normalize/markers.ts";
import { decideListed, dueByDate, liveEntry } from "./decide.ts";

const now = "2024-06-01T00:00:00.000000Z";
const markers = (over: Partial<Markers> = {}): Markers => ({
  id: "1",
  status: "LIVE",
  version: 2,
  updatedAt: "2024-05-01T00:00:00.000000Z",
  audience: "fp",
  metadataIds: [],
  ...over,
});

describe("decideListed", () => {
  it("upserts a new item and leaves an unchanged one alone", () => {
    expect(decideListed(undefined, markers(), now)).toEqual({ kind: "upsert" });
    expect(decideListed(liveEntry("s", markers()), markers(), now)).toEqual({ kind: "unchanged" });
  });

  it("upserts when version, updatedAt or the audience changed", () => {
    const entry = liveEntry("s", markers());
    expect(decideListed(entry, markers({ version: 3 }), now).kind).toBe("upsert");
    expect(decideListed(entry, markers({ updatedAt: "2024-05-02T00:00:00.000000Z" }), now).kind).toBe(
      "upsert",
    );
    expect(decideListed(entry, markers({ audience: "other" }), now).kind).toBe("upsert");
  });

  it("deletes emitted news past its endDate, as expired", () => {
    const expired = markers({ endDate: "2024-05-31T00:00:00.000000Z" });
    expect(decideListed(liveEntry("s", markers()), expired, now)).toEqual({
      kind: "delete",
      reason: "expired",
      after: "forget",
    });
    expect(decideListed(undefined, expired, now)).toEqual({ kind: "unchanged" });
  });

  it("schedules news whose publicationDate is ahead, and upserts it once due", () => {
    const future = markers({ publicationDate: "2024-07-01T00:00:00.000000Z" });
    expect(decideListed(undefined, future, now)).toEqual({
      kind: "schedule",
      at: "2024-07-01T00:00:00.000000Z",
    });
    expect(decideListed(undefined, future, "2024-07-01T00:00:00.000001Z")).toEqual({ kind: "upsert" });
  });

  it("withdraws an emitted item that went back to the future", () => {
    const future = markers({ publicationDate: "2024-07-01T00:00:00.000000Z" });
    expect(decideListed(liveEntry("s", markers()), future, now)).toMatchObject({
      kind: "delete",
      reason: "unpublished",
      after: "schedule",
    });
  });

  it("deletes an emitted item whose status is no longer LIVE", () => {
    expect(decideListed(liveEntry("s", markers()), markers({ status: "ARCHIVE" }), now)).toMatchObject({
      reason: "archived",
    });
  });
});

describe("dueByDate", () => {
  it("finds live items past endDate and scheduled items now due", () => {
    const items: [string, ReturnType<typeof liveEntry>][] = [
      ["a", { ...liveEntry("s", markers()), e: "2024-05-01T00:00:00.000000Z" }],
      ["b", { ...liveEntry("s", markers()), e: "2024-07-01T00:00:00.000000Z" }],
      ["c", { k: "scheduled", s: "s", v: 1, u: now, a: "x", p: "2024-05-15T00:00:00.000000Z" }],
      ["d", { k: "scheduled", s: "s", v: 1, u: now, a: "x", p: "2024-08-15T00:00:00.000000Z" }],
    ];
    expect(dueByDate(items, now)).toEqual({ expired: ["a"], due: ["c"] });
  });
});
