/**
 * What each HTML element means to the block builder: one map lookup per element. Element names
 * are lower case (the parser lower-cases them); anything not listed is inline.
 */
export const C = {
  inline: 0,
  noise: 1,
  block: 2,
  heading: 3,
  list: 4,
  item: 5,
  pre: 6,
  cell: 7,
  bold: 8,
  table: 9,
  row: 10,
  tableSection: 11,
  quote: 12,
  caption: 13,
  link: 14,
  br: 15,
  root: 16,
} as const;
export type C = (typeof C)[keyof typeof C];

const groups: [C, string[]][] = [
  // subtrees that are never body text: code, styling, embedded objects, form controls,
  // metadata, navigation
  [
    C.noise,
    ["script", "style", "noscript", "template", "head", "title", "iframe", "object", "embed", "svg", "math"],
  ],
  [
    C.noise,
    [
      "canvas",
      "audio",
      "video",
      "select",
      "textarea",
      "button",
      "input",
      "link",
      "meta",
      "base",
      "map",
      "nav",
    ],
  ],
  [
    C.block,
    ["address", "article", "aside", "center", "details", "dialog", "div", "fieldset", "figcaption", "figure"],
  ],
  [C.block, ["footer", "form", "header", "hgroup", "hr", "legend", "main", "p", "section", "summary"]],
  [C.heading, ["h1", "h2", "h3", "h4", "h5", "h6"]],
  [C.list, ["ul", "ol", "menu", "dir", "dl"]],
  [C.item, ["li", "dt", "dd"]],
  [C.pre, ["pre", "listing", "xmp", "plaintext"]],
  [C.cell, ["td", "th"]],
  [C.bold, ["b", "strong"]],
  [C.table, ["table"]],
  [C.row, ["tr"]],
  [C.tableSection, ["thead", "tbody", "tfoot"]],
  [C.quote, ["blockquote"]],
  [C.caption, ["caption"]],
  [C.link, ["a"]],
  [C.br, ["br"]],
  [C.root, ["html", "body"]],
];

export const CATEGORY = new Map<string, C>(
  groups.flatMap(([c, names]) => names.map((n) => [n, c] as [string, C])),
);

/** Class names that mark a callout box (DocBook sidebars and admonitions, Sphinx, Bootstrap). */
export const CALLOUT_CLASS =
  /(?:^|\s)(?:sidebar|note|tip|warning|caution|important|admonition|callout|alert|notice)(?:\s|$)/;

/** Sphinx/MkDocs permalink markers ("¶") and similar decorations; hidden text. */
const DECORATION_CLASS = /(?:^|\s)(?:headerlink|anchorjs-link|hidden|sr-only)(?:\s|$)/;
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

/** Whether one attribute makes its element's subtree noise (hidden, decorative, navigation). */
export function isNoiseAttribute(name: string, value: string): boolean {
  switch (name) {
    case "class":
      // most classes are none of these: plain substring checks before the word-boundary regex
      return (
        (value.includes("headerlink") ||
          value.includes("hidden") ||
          value.includes("sr-only") ||
          value.includes("anchorjs")) &&
        DECORATION_CLASS.test(value)
      );
    case "style":
      return HIDDEN_STYLE.test(value);
    case "hidden":
      return true;
    case "role":
      return value === "navigation";
    case "aria-hidden":
      return value === "true";
    default:
      return false;
  }
}
