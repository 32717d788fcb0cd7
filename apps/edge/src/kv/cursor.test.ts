import { describe, expect, it } from "vitest";
import { EdgeError } from "../errors.ts";
import { openCursor, sealCursor } from "./cursor.ts";

const SECRET = "a-secret-of-at-least-thirty-two-characters";

describe("sealed listing cursors", () => {
  it("round-trips a KV cursor for the listing that issued it, and hides it", async () => {
    const sealed = await sealCursor(SECRET, "tag|metadata:1", "it:metadata:1|acme:42");
    expect(sealed).not.toContain("acme");
    expect(atob(sealed.replace(/-/g, "+").replace(/_/g, "/"))).not.toContain("acme");
    expect(await openCursor(SECRET, "tag|metadata:1", sealed)).toBe("it:metadata:1|acme:42");
    expect(await sealCursor(SECRET, "tag|metadata:1", "it:metadata:1|acme:42")).toBe(sealed);
  });

  it("refuses a cursor from another listing, another secret or with a flipped byte", async () => {
    const sealed = await sealCursor(SECRET, "tag|a", "cursor");
    const refuses = async (secret: string, scope: string, cursor: string) => {
      await expect(openCursor(secret, scope, cursor)).rejects.toBeInstanceOf(EdgeError);
    };
    await refuses(SECRET, "tag|b", sealed);
    await refuses(`${SECRET}x`, "tag|a", sealed);
    await refuses(
      SECRET,
      "tag|a",
      `${sealed.slice(0, 20)}${sealed[20] === "A" ? "B" : "A"}${sealed.slice(21)}`,
    );
    await refuses(SECRET, "tag|a", "short");
  });
});
