import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { lumAppsConnection, parseLumAppsConnection } from "./connection.ts";
import { LumAppsSettingsError } from "./errors.ts";

const good = {
  organizationId: "5649391675244544",
  applicationId: "app-1",
  applicationSecret: "s3cr3t-value-123",
  authorizedUserId: "5746378759208960",
  cell: "https://go-cell-001.api.lumapps.com/",
};

describe("the LumApps connection settings", () => {
  it("accepts the five settings and normalises the cell to its origin", () => {
    const connection = lumAppsConnection({ ...good, platformAddress: "https://sites.lumapps.com/" });
    expect(connection.cell).toBe("https://go-cell-001.api.lumapps.com");
    expect(connection.platformAddress).toBe("https://sites.lumapps.com");
    expect(connection.applicationSecret.reveal()).toBe(good.applicationSecret);
  });

  it("names every missing setting and says what it is", () => {
    const result = parseLumAppsConnection({});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.setting)).toEqual([
      "organizationId",
      "applicationId",
      "applicationSecret",
      "authorizedUserId",
      "cell",
    ]);
    expect(result.problems.every((p) => p.message.startsWith("required"))).toBe(true);
  });

  it("refuses the documentation site as a cell and says where to find the real one", () => {
    const result = parseLumAppsConnection({ ...good, cell: "https://api.lumapps.com" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.setting).toBe("cell");
    expect(result.problems[0]?.message).toMatch(/documentation site.*go-cell-001/);
  });

  it("refuses a cell with a path, plain http off loopback, and non-digit ids", () => {
    const result = parseLumAppsConnection({
      ...good,
      cell: "http://go-cell-001.api.lumapps.com/_ah/api/lumsites/v1",
      organizationId: "acme",
    });
    if (result.ok) throw new Error("expected problems");
    expect(result.problems.map((p) => p.setting).sort()).toEqual(["cell", "organizationId"]);
    expect(parseLumAppsConnection({ ...good, cell: "https://x.api.lumapps.com/v1" }).ok).toBe(false);
    expect(parseLumAppsConnection({ ...good, cell: "http://127.0.0.1:4010" }).ok).toBe(true);
  });

  it("accepts a user email instead of a user id", () => {
    const { authorizedUserId: _, ...rest } = good;
    expect(parseLumAppsConnection({ ...rest, authorizedUserEmail: "crawler@example.com" }).ok).toBe(true);
  });

  it("refuses an id given as a number too large to be exact", () => {
    const result = parseLumAppsConnection({ ...good, organizationId: 56493916752445440000 });
    if (result.ok) throw new Error("expected problems");
    expect(result.problems[0]?.message).toMatch(/as a string/);
  });

  it("never shows the secret: not in problems, errors, JSON or inspect output", () => {
    const secret = "topsecret-xyz-987";
    const connection = lumAppsConnection({ ...good, applicationSecret: secret });
    expect(JSON.stringify(connection)).not.toContain(secret);
    expect(inspect(connection, { depth: 10 })).not.toContain(secret);
    expect(`${connection.applicationSecret}`).toBe("[redacted]");
    try {
      lumAppsConnection({ ...good, applicationSecret: secret, cell: "nope" });
      throw new Error("expected a settings error");
    } catch (error) {
      expect(error).toBeInstanceOf(LumAppsSettingsError);
      expect(inspect(error, { depth: 10 })).not.toContain(secret);
      expect(JSON.stringify(error)).not.toContain(secret);
    }
  });
});
