import { describe, expect, it } from "vitest";
import { minusMs, timestampMs, toTimestamp } from "./timestamps.ts";

describe("toTimestamp", () => {
  it("reads a zone-less v1 timestamp as UTC and keeps its microseconds", () => {
    expect(toTimestamp("2019-03-12T11:50:58.856571")).toBe("2019-03-12T11:50:58.856571Z");
  });

  it("moves a v2 timestamp with an offset to UTC", () => {
    expect(toTimestamp("2024-01-31T12:00:00+02:00")).toBe("2024-01-31T10:00:00.000000Z");
    expect(toTimestamp("2024-01-31T12:00:00.5Z")).toBe("2024-01-31T12:00:00.500000Z");
  });

  it("orders two edits in one millisecond by plain string comparison", () => {
    const a = toTimestamp("2024-05-01T10:00:00.123001")!;
    const b = toTimestamp("2024-05-01T10:00:00.123002")!;
    expect(a < b).toBe(true);
  });

  it("refuses what is not a date, including a day that does not exist", () => {
    for (const bad of [
      "yesterday",
      "",
      "2024-02-31T00:00:00",
      "2024-13-01",
      12345,
      null,
      "2024-01-01T25:00:00",
    ]) {
      expect(toTimestamp(bad)).toBeUndefined();
    }
  });

  it("checks the days of v1 timestamps by month and leap year", () => {
    expect(toTimestamp("2024-02-29T23:59:59.000001")).toBe("2024-02-29T23:59:59.000001Z");
    expect(toTimestamp("2000-02-29T00:00:00.000000")).toBe("2000-02-29T00:00:00.000000Z");
    for (const bad of [
      "2023-02-29T00:00:00.000000",
      "1900-02-29T00:00:00.000000",
      "2024-04-31T00:00:00.000000",
      "2024-00-10T00:00:00.000000",
      "2024-01-00T00:00:00.000000",
      "2024-01-01T24:00:00.000000",
      "2024-01-01T00:60:00.000000",
      "2024-01-01T00:00:60.000000",
      "2024-01-01T00:00:0a.000000",
    ]) {
      expect(toTimestamp(bad), bad).toBeUndefined();
    }
  });

  it("accepts a bare date as midnight UTC", () => {
    expect(toTimestamp("2024-05-01")).toBe("2024-05-01T00:00:00.000000Z");
  });
});

describe("minusMs", () => {
  it("moves a timestamp back keeping its microseconds", () => {
    const ts = "2024-05-01T10:00:00.123456Z";
    expect(minusMs(ts, 1500)).toBe("2024-05-01T09:59:58.623456Z");
    expect(timestampMs(minusMs(ts, 60_000))).toBe(timestampMs(ts) - 60_000);
  });
});
