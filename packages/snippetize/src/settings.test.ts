import { describe, expect, it } from "vitest";
import { parseSettings, SnippetizeSettingsError } from "./settings.ts";

describe("parseSettings", () => {
  it("fills the documented defaults", () => {
    expect(parseSettings()).toMatchObject({
      maxTokens: 400,
      maxChars: 2000,
      minTokens: 120,
      overlapTokens: 0,
      languages: [],
    });
  });

  it("names the field and what is expected when a value is wrong", () => {
    expect(() => parseSettings({ maxTokens: 10 })).toThrow(SnippetizeSettingsError);
    expect(() => parseSettings({ maxTokens: 10 })).toThrow(/maxTokens/);
    expect(() => parseSettings({ maxTokens: 200, minTokens: 150 })).toThrow(/minTokens must be at most half/);
    expect(() => parseSettings({ overlapTokens: 200 })).toThrow(/overlapTokens/);
  });

  it("names every unknown key instead of ignoring it (a typo must not silently keep a default)", () => {
    expect(() => parseSettings({ maxTokens: "x", typo: 1, maxToken: 300 })).toThrow(SnippetizeSettingsError);
    let message = "";
    try {
      parseSettings({ maxTokens: "x", typo: 1, maxToken: 300 });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/maxTokens/);
    expect(message).toMatch(/"typo"/);
    expect(message).toMatch(/"maxToken"/);
  });
});
