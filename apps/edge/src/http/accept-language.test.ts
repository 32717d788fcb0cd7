import { describe, expect, it } from "vitest";
import { acceptedLanguages } from "./accept-language.ts";

describe("acceptedLanguages", () => {
  it("orders ranges by q-value, keeping header order among equals, in BCP 47 casing", () => {
    expect(acceptedLanguages("fr-ch, fr;q=0.9, EN;q=0.8, de;q=0.8, *;q=0.5")).toEqual([
      "fr-CH",
      "fr",
      "en",
      "de",
    ]);
    expect(acceptedLanguages("zh-hant-tw;q=0.4, pt-br")).toEqual(["pt-BR", "zh-Hant-TW"]);
  });

  it("drops q=0, out-of-range q, wildcards and garbage instead of failing", () => {
    expect(acceptedLanguages("en;q=0, de;q=2, *, ../etc, a%00b, fr")).toEqual(["fr"]);
    expect(acceptedLanguages("")).toEqual([]);
    expect(acceptedLanguages(undefined)).toEqual([]);
    expect(acceptedLanguages(`${"en,".repeat(2000)}fr`)).toEqual([]);
  });
});
