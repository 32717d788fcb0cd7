import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { corpusDir } from "@lumasnip/testkit";
import { describe, expect, it } from "vitest";
import { demoSeedDir, groups, readSeedDir, templateWidgets, writeSeedDir } from "../src/index.ts";
import { buildSeed } from "../src/seed-builder/build-seed.ts";

const seed = readSeedDir(demoSeedDir);

describe("the shipped demo seed", () => {
  it("is small", () => {
    const bytes = ["contents.jsonl", "metadata.json", "instances.json"].reduce(
      (n, f) => n + statSync(join(demoSeedDir, f)).size,
      0,
    );
    expect(bytes).toBeLessThan(4 * 1024 * 1024);
  });

  it("has pages in several languages, right-to-left and CJK among them, and news", () => {
    const pages = seed.contents.filter((c) => c.type === "page");
    const langs = new Set(pages.flatMap((p) => Object.keys(p.title)));
    for (const lang of ["en", "fr", "de", "ar", "jp", "cn", "ru", "es"]) expect(langs).toContain(lang);
    const news = seed.contents.filter((c) => c.type === "news");
    expect(news.some((n) => n.title.fa)).toBe(true);
    expect(JSON.stringify(pages)).toContain('dir=\\"rtl\\"');
  });

  it("varies template shapes and carries every special case", () => {
    const widgets = seed.contents.flatMap((c) => templateWidgets(c.template));
    for (const kind of ["intro", "content-list", "featured-image", "meta"]) {
      expect(widgets.some((w) => w.widgetType === kind)).toBe(true);
    }
    expect(widgets.some((w) => w.widgetType === "html" && Object.keys(w.title ?? {}).length > 0)).toBe(true);
    expect(widgets.some((w) => w.feedKeys?.includes(groups.hr))).toBe(true);
    const nestedRow = seed.contents.some((c) =>
      c.template.components.some((row) =>
        row.cells?.some((cell) => cell.components?.some((n) => n.type === "row")),
      ),
    );
    expect(nestedRow).toBe(true);
    expect(seed.contents.some((c) => c.feedKeys.includes(groups.hr))).toBe(true);
    expect(seed.contents.some((c) => c.feedKeys.includes(groups.it))).toBe(true);
    expect(seed.contents.some((c) => c.status === "DRAFT")).toBe(true);
    expect(seed.contents.some((c) => c.status === "ARCHIVE")).toBe(true);
    expect(
      seed.contents.some(
        (c) => (c.lastRevision as { status: string }).status === "DRAFT" && c.status === "LIVE",
      ),
    ).toBe(true);
    expect(seed.contents.some((c) => c.type === "news" && String(c.endDate ?? "9") < "2026")).toBe(true);
    expect(seed.contents.some((c) => c.type === "news" && String(c.publicationDate) > "2030")).toBe(true);
  });

  it("names the source and licence of every item beside it", () => {
    const sources = readFileSync(join(demoSeedDir, "SOURCES.md"), "utf8");
    for (const c of seed.contents) expect(sources).toContain(c.id);
    for (const licence of ["GPL-2.0", "CC-BY-SA-3.0", "CC BY 4.0", "GPL-3.0"])
      expect(sources).toContain(licence);
  });

  const corpus = corpusDir();
  it.skipIf(!corpus.dir)(
    `is what the builder makes from the corpus${corpus.dir ? "" : ` — skipped: ${corpus.reason}`}`,
    () => {
      const out = mkdtempSync(join(tmpdir(), "demo-seed-"));
      try {
        writeSeedDir(out, buildSeed({ corpusDir: corpus.dir!, selection: "demo" }));
        expect(readFileSync(join(out, "contents.jsonl"), "utf8")).toBe(
          readFileSync(join(demoSeedDir, "contents.jsonl"), "utf8"),
        );
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
  );
});
