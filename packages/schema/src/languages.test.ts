import { describe, expect, it } from "vitest";
import { LangSchema, langMapToBcp47, pickLang, toBcp47 } from "./languages.ts";

describe("toBcp47", () => {
  it.each([
    ["en", "en"],
    ["EN", "en"],
    ["fr", "fr"],
    ["jp", "ja"],
    ["cn", "zh-CN"],
    ["zh", "zh-CN"],
    ["zh_hans", "zh-Hans"],
    ["zh_hant", "zh-Hant"],
    ["zh-Hant", "zh-Hant"],
    ["zh_TW", "zh-TW"],
    ["tw", "zh-TW"],
    ["kr", "ko"],
    ["pt_br", "pt-BR"],
    ["pt-BR", "pt-BR"],
    ["pt_BR", "pt-BR"],
    ["en-US", "en-US"],
    ["en_us", "en-US"],
    ["en-us", "en-US"],
    ["es-419", "es-419"],
    ["sr_latn_rs", "sr-Latn-RS"],
    [" de ", "de"],
    ["gsw", "gsw"],
  ])("maps the LumApps code %j to %j", (code, tag) => {
    expect(toBcp47(code)).toBe(tag);
    expect(LangSchema.safeParse(tag).success).toBe(true);
  });

  it.each([
    ["empty", ""],
    ["blank", "  "],
    ["a word", "english"],
    ["digits", "12"],
    ["a single letter", "e"],
    ["two regions", "en-US-GB"],
    ["a long subtag", "en-verylongtag"],
    ["a trailing separator", "en_"],
    ["punctuation", "en.US"],
    ["a field name", "$lang"],
  ])("returns undefined for junk: %s (%j)", (_what, code) => {
    expect(toBcp47(code)).toBeUndefined();
  });

  it("rejects tags the system does not write", () => {
    for (const bad of ["EN", "en_US", "en-us", "pt_br", "zh-hant", ""]) {
      expect(LangSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe("langMapToBcp47", () => {
  it("re-keys a LumApps language map, dropping empty values and non-language keys", () => {
    expect(
      langMapToBcp47({ en: "Hello", jp: "こんにちは", pt_br: "Olá", fr: "", de: "  ", $type: "x", it: 3 }),
    ).toEqual({
      en: "Hello",
      ja: "こんにちは",
      "pt-BR": "Olá",
    });
  });

  it("keeps the first non-empty value when two codes map to one tag", () => {
    expect(langMapToBcp47({ cn: "", zh: "第二", "zh-CN": "第三" })).toEqual({ "zh-CN": "第二" });
    expect(langMapToBcp47({ cn: "第一", zh: "第二" })).toEqual({ "zh-CN": "第一" });
  });

  it("gives an empty map for what is not a map", () => {
    for (const v of [undefined, null, "en", 3, ["en"]]) expect(langMapToBcp47(v)).toEqual({});
  });
});

describe("pickLang", () => {
  const map = { fr: "Bonjour", "pt-BR": "Olá", en: "Hello", de: "" };

  it("picks the wanted language first, in the order asked", () => {
    expect(pickLang(map, ["en"])).toBe("en");
    expect(pickLang(map, ["it", "fr", "en"])).toBe("fr");
  });

  it("matches a bare language to a regional variant and back", () => {
    expect(pickLang(map, ["pt"])).toBe("pt-BR");
    expect(pickLang(map, ["pt-PT"])).toBe("pt-BR");
    expect(pickLang(map, ["en-GB"])).toBe("en");
  });

  it("prefers an exact match of a later wanted language to nothing, and the first wanted to a later one", () => {
    expect(pickLang(map, ["ja", "en"])).toBe("en");
    expect(pickLang(map, ["fr-CA", "en"])).toBe("fr");
  });

  it("falls back to the site's default language, then to any non-empty value", () => {
    expect(pickLang(map, ["ja"], "en")).toBe("en");
    expect(pickLang(map, ["ja"], "it")).toBe("fr");
    expect(pickLang(map, [])).toBe("fr");
  });

  it("never picks an empty value and gives undefined for an empty map", () => {
    expect(pickLang(map, ["de"])).toBe("fr");
    expect(pickLang({ de: "" }, ["de"])).toBeUndefined();
    expect(pickLang({}, ["en"], "en")).toBeUndefined();
  });
});
