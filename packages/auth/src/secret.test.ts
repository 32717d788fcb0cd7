import { describe, expect, it } from "vitest";
import { redact, safeCause } from "./secret.ts";

describe("redaction", () => {
  it("replaces a value and its URL-encoded form", () => {
    expect(redact("a=s/cr+t&b=s%2Fcr%2Bt", ["s/cr+t"])).toBe("a=[redacted]&b=[redacted]");
  });

  it("copies a foreign error chain keeping only safe fields", () => {
    const inner = Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:443 pw=hunter22"), {
      code: "ECONNREFUSED",
      port: 443,
      config: { headers: { authorization: "Basic hunter22" } },
    });
    const outer = new TypeError("fetch failed", { cause: inner });
    const copy = safeCause(outer, ["hunter22"]);
    expect(copy?.name).toBe("TypeError");
    const cause = copy?.cause as Error & Record<string, unknown>;
    expect(cause.message).toBe("connect ECONNREFUSED 10.0.0.1:443 pw=[redacted]");
    expect(cause.code).toBe("ECONNREFUSED");
    expect(cause.port).toBe(443);
    expect(cause.config).toBeUndefined();
  });
});
