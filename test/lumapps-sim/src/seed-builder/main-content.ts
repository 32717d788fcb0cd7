import {
  type DomNode,
  type El,
  elementChildren,
  findAll,
  findOne,
  hasClass,
  isEl,
  outer,
  parseHtml,
  remove,
  text,
} from "./dom.ts";

export interface ExtractedPage {
  title: string;
  /** the page's main content, its own navigation, banner and footer left out */
  html: string;
  rtl: boolean;
  /** the first real paragraph as plain text (the excerpt) */
  firstParagraph: string;
  /** the main content split in parts at its top-level sections (part 0: title and intro) */
  parts: Section[];
}

export interface Section {
  /** the section's heading text ("" for the intro part) */
  heading: string;
  /** the part's HTML, heading included */
  html: string;
  /** the part's HTML without its heading (the widget title carries it) */
  body: string;
}

/** Elements that are the documentation's own navigation, per generator. */
function isChrome(el: El, keepToc: boolean): boolean {
  const id = el.attribs.id;
  if (id === "banner" || id === "title" || id === "site_footer") return true;
  if (el.name === "ul" && hasClass(el, "docnav")) return true;
  if (hasClass(el, "navheader") || hasClass(el, "navfooter")) return true;
  if (hasClass(el, "related") || hasClass(el, "sphinxsidebar") || hasClass(el, "footer")) return true;
  if (el.name === "a" && hasClass(el, "headerlink")) return true;
  if (!keepToc && hasClass(el, "toc")) return true;
  return el.name === "script" || el.name === "style" || el.name === "link";
}

/**
 * Takes a documentation page (DocBook/Publican/Sphinx) and keeps what a LumApps editor would
 * have pasted into an html widget: the article, not the page around it.
 */
export function extractMainContent(
  source: string,
  html: string,
  options: { keepToc: boolean },
): ExtractedPage {
  const doc = parseHtml(html);
  const titleEl = findOne((el) => el.name === "title", doc.children);
  let title = titleEl ? text(titleEl.children as DomNode[]) : "";
  if (source === "developers-reference") title = title.replace(/\s+—\s+developers-reference.*$/, "");
  const rtl =
    findAll((el) => (el.name === "html" || el.name === "body") && el.attribs.dir === "rtl", doc.children)
      .length > 0;
  const body = findOne((el) => el.name === "body", doc.children);
  const root: El | undefined = findOne((el) => el.attribs.role === "main", doc.children) ?? body ?? undefined;
  if (!root) throw new Error(`no body in a ${source} page`);
  for (const el of findAll((e) => isChrome(e, options.keepToc), root.children as DomNode[])) remove(el);
  const mainHtml = outer(root.children as DomNode[]).trim();
  const firstParagraph = firstParagraphText(root.children as DomNode[]);
  const parts = splitSections(root);
  if (!title) title = parts[0]?.heading ?? "";
  return { title, html: mainHtml, rtl, parts, firstParagraph };
}

/** The content root is the single wrapper (div.chapter/section, Sphinx section) when there is one. */
function contentRoot(root: El): El {
  let current = root;
  for (;;) {
    // empty anchors and spans beside the wrapper do not count
    const kids = elementChildren(current).filter((el) => text(el) !== "");
    if (kids.length !== 1) return current;
    current = kids[0]!;
  }
}

const isSection = (el: El) => (el.name === "div" && hasClass(el, "section")) || el.name === "section";

function splitSections(root: El): Section[] {
  const wrapper = contentRoot(root);
  const parts: { nodes: DomNode[]; section?: El }[] = [{ nodes: [] }];
  for (const node of wrapper.children as DomNode[]) {
    if (isEl(node) && isSection(node)) parts.push({ nodes: [node], section: node });
    else parts[parts.length - 1]!.nodes.push(node);
  }
  return parts
    .map(({ nodes, section }) => {
      const html = outer(nodes).trim();
      if (!section) return { heading: "", html, body: html };
      const headingEl = findOne(
        (el) => hasClass(el, "titlepage") || /^h[1-6]$/.test(el.name),
        section.children as DomNode[],
      );
      const heading = headingEl ? text(headingEl) : "";
      const clone = parseHtml(html);
      const cloneHeading = findOne(
        (el) => hasClass(el, "titlepage") || /^h[1-6]$/.test(el.name),
        clone.children as DomNode[],
      );
      if (cloneHeading) remove(cloneHeading);
      return { heading, html, body: outer(clone.children as DomNode[]).trim() };
    })
    .filter((part) => part.html !== "");
}

export function firstParagraphText(nodes: DomNode[]): string {
  let found = "";
  findOne((el) => {
    if (found || !(el.name === "p" || (el.name === "div" && hasClass(el, "para")))) return false;
    const t = text(el);
    if (t.length > 40) found = t;
    return found !== "";
  }, nodes);
  return found;
}

/** The first paragraph as plain text, and the HTML without it (an intro widget holds it). */
export function splitIntro(html: string): { intro: string; rest: string } {
  const doc = parseHtml(html);
  const para = findOne(
    (el) => (el.name === "p" || (el.name === "div" && hasClass(el, "para"))) && text(el).length > 40,
    doc.children as DomNode[],
  );
  if (!para) return { intro: "", rest: html };
  const intro = text(para);
  remove(para);
  return { intro, rest: outer(doc.children as DomNode[]).trim() };
}
