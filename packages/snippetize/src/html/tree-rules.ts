/**
 * The few tree-building rules of htmlparser2's `Parser` (v10, HTML mode), applied by our own
 * tokenizer driver (html-to-blocks.ts) so it sees the elements exactly as the parser did: which
 * open tags close the open elements before them, and which elements are void.
 */
const p = new Set(["p"]);
const form = new Set(["input", "option", "optgroup", "select", "button", "datalist", "textarea"]);
const tableSection = new Set(["thead", "tbody"]);
const ddt = new Set(["dd", "dt"]);
const rtp = new Set(["rt", "rp"]);

/** Opening the key closes the innermost open elements while they are in its set. */
export const IMPLIED_CLOSES = new Map<string, ReadonlySet<string>>([
  ["tr", new Set(["tr", "th", "td"])],
  ["th", new Set(["th"])],
  ["td", new Set(["thead", "th", "td"])],
  ["body", new Set(["head", "link", "script"])],
  ["li", new Set(["li"])],
  ["p", p],
  ["h1", p],
  ["h2", p],
  ["h3", p],
  ["h4", p],
  ["h5", p],
  ["h6", p],
  ["select", form],
  ["input", form],
  ["output", form],
  ["button", form],
  ["datalist", form],
  ["textarea", form],
  ["option", new Set(["option"])],
  ["optgroup", new Set(["optgroup", "option"])],
  ["dd", ddt],
  ["dt", ddt],
  ...["address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset"].map(
    (n) => [n, p] as const,
  ),
  ...["figcaption", "figure", "footer", "form", "header", "hr", "main", "nav", "ol", "pre"].map(
    (n) => [n, p] as const,
  ),
  ...["section", "table", "ul"].map((n) => [n, p] as const),
  ["rt", rtp],
  ["rp", rtp],
  ["tbody", tableSection],
  ["tfoot", tableSection],
]);

/** Elements that never have content: closed as soon as their open tag ends. */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  "area",
  "base",
  "basefont",
  "br",
  "col",
  "command",
  "embed",
  "frame",
  "hr",
  "img",
  "input",
  "isindex",
  "keygen",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);
