import { describe, expect, it } from "vitest";
import { contentIdOf, langOf } from "./snippetize-command.ts";

describe("snippetize command helpers", () => {
  it("finds a page's language in <html lang>, then in its path", () => {
    expect(langOf({ name: "x.html", text: '<html lang="pt_BR"><body>' })).toBe("pt-BR");
    expect(langOf({ name: "raw/debian-handbook/ja-JP/apt.html", text: "<p>x</p>" })).toBe("ja-JP");
    expect(langOf({ name: "raw/debian-faq/zh-cn/kernel.zh-cn.html", text: "" })).toBe("zh-CN");
    expect(langOf({ name: "notes.html", text: "" })).toBe("en");
  });

  it("makes content ids from paths, hashing what does not fit", () => {
    expect(contentIdOf("ja-JP/sect.apt.html")).toBe("ja-JP_sect_apt");
    expect(contentIdOf(`${"x".repeat(300)}.html`)).toMatch(/^[0-9a-f]{32}$/);
  });
});
