import { describe, expect, it } from "vitest";
import { extractMainContent, splitIntro } from "./main-content.ts";

const publican = `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml" dir="rtl"><head>
<title>6.2. ‏aptitude &amp; apt</title></head><body>
<div id="banner"><a href="x"><span class="text">Download the ebook</span></a></div><p id="title"><a href="y">logo</a></p>
<ul class="docnav top"><li class="previous"><a href="apt.html">Prev</a></li></ul>
<div class="section"><div class="titlepage"><div><div><h2 class="title">6.2. aptitude</h2></div></div></div>
<div class="para">An introduction paragraph that is long enough to be an excerpt of the page.</div>
<div class="section"><div class="titlepage"><div><div><h3 class="title">6.2.1. Setup</h3></div></div></div><div class="para">Setup text.</div></div>
<div class="section"><div class="titlepage"><div><div><h3 class="title">6.2.2. Removal</h3></div></div></div><div class="para">Removal &amp; purge.</div></div>
</div><ul class="docnav"><li class="next"><a href="n.html">Next</a></li></ul></body></html>`;

const sphinx = `<html lang="en"><head><title>5. Managing Packages &#8212; developers-reference 12.18 documentation</title></head>
<body><div class="related" role="navigation"><ul><li>nav</li></ul></div><div class="document"><div class="body" role="main">
<section id="pkgs"><span id="x"></span><h1>5. Managing Packages<a class="headerlink" href="#pkgs">¶</a></h1><p>Intro text of this chapter, long enough to count.</p>
<section id="a"><h2>5.1. New packages</h2><p>New.</p></section></section></div></div>
<div class="sphinxsidebar">search box</div><div class="footer">© authors</div></body></html>`;

describe("main content of a documentation page", () => {
  it("drops the Publican banner and navigation, keeps the article bytes and splits its sections", () => {
    const page = extractMainContent("debian-handbook", publican, { keepToc: false });
    expect(page.title).toBe("6.2. ‏aptitude & apt");
    expect(page.rtl).toBe(true);
    expect(page.html).not.toMatch(/banner|docnav|Download the ebook|logo/);
    expect(page.html).toContain("Removal &amp; purge.");
    expect(page.firstParagraph).toMatch(/^An introduction paragraph/);
    expect(page.parts.map((p) => p.heading)).toEqual(["", "6.2.1. Setup", "6.2.2. Removal"]);
    expect(page.parts[1]!.body).not.toContain("6.2.1. Setup");
    expect(page.parts[1]!.html).toContain("6.2.1. Setup");
  });

  it("takes Sphinx's role=main body without sidebar, footer or header links, and cleans the title", () => {
    const page = extractMainContent("developers-reference", sphinx, { keepToc: false });
    expect(page.title).toBe("5. Managing Packages");
    expect(page.html).not.toMatch(/sphinxsidebar|search box|headerlink|© authors|role="navigation"/);
    expect(page.parts.map((p) => p.heading)).toEqual(["", "5.1. New packages"]);
  });

  it("moves the first real paragraph out for an intro widget", () => {
    const { intro, rest } = splitIntro(
      "<p>short</p><p>This paragraph is the one that is long enough to be an intro.</p><p>Rest.</p>",
    );
    expect(intro).toBe("This paragraph is the one that is long enough to be an intro.");
    expect(rest).toBe("<p>short</p><p>Rest.</p>");
  });
});
