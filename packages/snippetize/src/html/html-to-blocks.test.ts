import { describe, expect, it } from "vitest";
import { htmlToBlocks } from "./html-to-blocks.ts";
import { type Block, blockText } from "./types.ts";

const texts = (blocks: Block[]) =>
  blocks.map((b) => (b.kind === "heading" ? `#${b.level} ${b.text}` : blockText(b)));

describe("htmlToBlocks", () => {
  it("turns headings, paragraphs, quotes and code into blocks in reading order", () => {
    const blocks = htmlToBlocks(
      `<h1>Title</h1><p>First  paragraph
      spread over lines.</p><blockquote><p>Quoted.</p></blockquote><pre>  indented
    code   kept</pre>`,
    );
    expect(blocks.map((b) => b.kind)).toEqual(["heading", "text", "quote", "code"]);
    expect(texts(blocks)).toEqual([
      "#1 Title",
      "First paragraph spread over lines.",
      "Quoted.",
      "  indented\n    code   kept",
    ]);
  });

  it("keeps list nesting and numbering, with the start attribute honoured", () => {
    const [list] = htmlToBlocks(
      `<ol start="3"><li>three<ul><li>sub a</li><li>sub b<ol><li>deep</li></ol></li></ul></li><li><p>four</p><p>more of four</p></li></ol>`,
    );
    expect(list?.kind).toBe("list");
    expect(blockText(list as never)).toBe(
      "3. three\n   - sub a\n   - sub b\n     1. deep\n4. four\n   more of four",
    );
  });

  it("renders definition lists as terms with indented definitions", () => {
    const [list] = htmlToBlocks("<dl><dt>Term</dt><dd>Its definition.</dd></dl>");
    expect(blockText(list as never)).toBe("Term\n  Its definition.");
  });

  it("reads a data table row by row with its header rows apart, a heading in a cell staying cell text", () => {
    const blocks = htmlToBlocks(
      `<table><caption>Packages</caption><thead><tr><th>name</th><th>what</th></tr></thead>
       <tr><td>apt</td><td><h3>Note</h3> the package tool</td></tr><tr><td>dpkg</td><td>lower level</td></tr></table>`,
    );
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({
      kind: "table",
      caption: "Packages",
      header: ["name | what"],
      rows: ["apt | Note the package tool", "dpkg | lower level"],
    });
  });

  it("treats a one-column layout table as page structure, so a heading in it starts a section", () => {
    const blocks = htmlToBlocks(
      "<table><tr><td><h2>Inside</h2><p>Text in the layout cell.</p></td></tr></table>",
    );
    expect(texts(blocks)).toEqual(["#2 Inside", "Text in the layout cell."]);
  });

  it("drops scripts, styles, comments, CMS block comments, hidden and navigation subtrees", () => {
    const blocks = htmlToBlocks(
      `<!-- wp:paragraph --><p>Kept.</p><!-- /wp:paragraph --><script>var secret = 1;</script>
       <style>p { color: red }</style><!-- a comment --><nav><a href="/">Home</a></nav>
       <div hidden>hidden</div><span style="display:none">invisible</span><noscript>enable js</noscript>`,
    );
    expect(texts(blocks)).toEqual(["Kept."]);
  });

  it("removes template tags a CMS left unrendered but keeps the words around them", () => {
    const blocks = htmlToBlocks(
      `<p>See {{ site.url }}/about {% include banner.html %}for more.</p>{% assign x = 1 %}`,
    );
    expect(texts(blocks)).toEqual(["See /about for more."]);
  });

  it("handles &nbsp;, single and repeated <br>, and empty paragraphs", () => {
    const blocks = htmlToBlocks(
      "<p>&nbsp;</p><p>a&nbsp;&nbsp;b<br>line two<br><br><br>next paragraph</p><p><br></p>",
    );
    expect(texts(blocks)).toEqual(["a b\nline two", "next paragraph"]);
  });

  it("builds the elements as htmlparser2's parser does: implied closes, </br>, a stray </p>, cut-off tags", () => {
    expect(texts(htmlToBlocks("<ul><li>one<li>two</ul><p>a<div>b</div>c</p>d"))).toEqual([
      "- one\n- two",
      "a",
      "b",
      "c",
      "d",
    ]);
    expect(texts(htmlToBlocks("<p>line</br>next</p></p><p>after</p>"))).toEqual(["line\nnext", "after"]);
    expect(
      texts(htmlToBlocks(`<P>kept</P><DIV HIDDEN>gone</DIV><a HREF="/x" ID=y>link</a><p class="x`)),
    ).toEqual(["kept", "link"]);
  });

  it("reads attribute names in any case, the first of a repeated one, and entities in values", () => {
    const [list] = htmlToBlocks(`<OL Start="2" TYPE=a start=9><li>b</li></OL>`);
    expect(blockText(list as never)).toBe("b. b");
    const [p] = htmlToBlocks(`<p>see <a HREF="/a?x=1&amp;y=2" href="/other">this</a></p>`);
    expect(p?.kind === "text" && p.links).toEqual([{ href: "/a?x=1&y=2", text: "this" }]);
  });

  it("splits a body without any <p> at its blank lines", () => {
    const blocks = htmlToBlocks(
      "First paragraph,\nstill first.\n\nSecond paragraph.\n \n\nThird <b>bold</b> one.",
    );
    expect(texts(blocks)).toEqual(["First paragraph, still first.", "Second paragraph.", "Third bold one."]);
  });

  it("keeps a word broken by 2,000 <wbr> tags whole", () => {
    const word = "x".repeat(2001);
    const html = `<p>${word.split("").join("<wbr>")}</p>`;
    expect(texts(htmlToBlocks(html))).toEqual([word]);
  });

  it("survives 100-deep nesting of divs and of lists", () => {
    const divs = `${"<div>".repeat(100)}deep text${"</div>".repeat(100)}`;
    expect(texts(htmlToBlocks(divs))).toEqual(["deep text"]);
    const lists = `${"<ul><li>level".repeat(100)}${"</li></ul>".repeat(100)}`;
    const [list] = htmlToBlocks(lists);
    const lines = blockText(list as never).split("\n");
    expect(lines).toHaveLength(100);
    expect(lines.every((l) => l.trim() === "- level")).toBe(true);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(30); // indentation is capped
  });

  it("finds nothing in a page of only an image", () => {
    expect(htmlToBlocks(`<p><img src="a.png" alt="a photo"></p>`)).toEqual([]);
  });

  it("gives headings their anchor: own id, an anchor inside, or the id just before", () => {
    const blocks = htmlToBlocks(
      `<h2 id="own">A</h2><h2><a id="inner"></a>B</h2><section id="sec"><h2>C</h2></section><h2>D <a class="headerlink" href="#d">¶</a></h2>`,
    );
    expect(blocks.filter((b) => b.kind === "heading")).toEqual([
      { kind: "heading", level: 2, text: "A", anchor: "own" },
      { kind: "heading", level: 2, text: "B", anchor: "inner" },
      { kind: "heading", level: 2, text: "C", anchor: "sec" },
      { kind: "heading", level: 2, text: "D" },
    ]);
  });

  it("keeps link targets beside the text, never in it", () => {
    const [p] = htmlToBlocks(
      `<p>Read <a href="/docs/x">the docs</a> and <a href="javascript:void(0)">this</a>.</p>`,
    );
    expect(p).toEqual({
      kind: "text",
      text: "Read the docs and this.",
      links: [{ href: "/docs/x", text: "the docs" }],
    });
    expect(htmlToBlocks(`<p><a href="/a">x</a></p>`, { keepLinks: false })[0]).toEqual({
      kind: "text",
      text: "x",
    });
  });

  it("marks a callout's label and a bold-only line as belonging with what follows", () => {
    const blocks = htmlToBlocks(
      `<div class="sidebar"><p class="title"><strong>TIP</strong> Removing packages</p><p>Use apt purge.</p></div><p><strong>Step 1</strong></p><p>Do this.</p>`,
    );
    expect(blocks).toEqual([
      { kind: "text", text: "TIP Removing packages", glue: true },
      { kind: "text", text: "Use apt purge." },
      { kind: "text", text: "Step 1", glue: true },
      { kind: "text", text: "Do this." },
    ]);
  });

  it("reads right-to-left and CJK text unchanged", () => {
    const blocks = htmlToBlocks(
      `<p dir="rtl">مرحبا بالعالم. هذا نص.</p><p>日本語の文です。二つ目の文です。</p>`,
    );
    expect(texts(blocks)).toEqual(["مرحبا بالعالم. هذا نص.", "日本語の文です。二つ目の文です。"]);
  });
});
