import { describe, expect, it } from "vitest";
import { parseCliArgs, UsageError } from "./args.ts";

describe("parseCliArgs", () => {
  it("reads the commands and the snippetize options", () => {
    expect(parseCliArgs(["run"]).command).toBe("run");
    expect(parseCliArgs(["publish"]).command).toBe("publish");
    expect(parseCliArgs([]).command).toBe("help");
    expect(
      parseCliArgs([
        "snippetize",
        "a.html",
        "dir",
        "--lang",
        "ja",
        "--max-tokens",
        "300",
        "--languages",
        "en,fr",
        "--format",
        "sets",
      ]),
    ).toMatchObject({
      command: "snippetize",
      paths: ["a.html", "dir"],
      lang: "ja",
      format: "sets",
      overrides: { maxTokens: 300, languages: ["en", "fr"] },
    });
  });

  it("rejects unknown commands, options and misplaced ones", () => {
    expect(() => parseCliArgs(["start"])).toThrow(UsageError);
    expect(() => parseCliArgs(["run", "--bogus"])).toThrow(UsageError);
    expect(() => parseCliArgs(["run", "--lang", "en"])).toThrow(/goes with snippetize/);
    expect(() => parseCliArgs(["snippetize", "--max-tokens", "1.5"])).toThrow(/whole number/);
  });
});
