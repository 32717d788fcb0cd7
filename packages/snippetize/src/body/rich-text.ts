/**
 * LumApps' newer rich text: a Slate-like tree per language (`{children: [{type, children}, {text}]}`,
 * API.md §5, UNSURE). Rendered to HTML so one parser handles every body; unknown element types
 * become `div`, so their text is kept.
 */
const TAGS: Record<string, string> = {
  paragraph: "p",
  p: "p",
  "heading-one": "h1",
  "heading-two": "h2",
  "heading-three": "h3",
  "heading-four": "h4",
  "heading-five": "h5",
  "heading-six": "h6",
  h1: "h1",
  h2: "h2",
  h3: "h3",
  h4: "h4",
  h5: "h5",
  h6: "h6",
  "bulleted-list": "ul",
  "unordered-list": "ul",
  ul: "ul",
  "numbered-list": "ol",
  "ordered-list": "ol",
  ol: "ol",
  "list-item": "li",
  li: "li",
  quote: "blockquote",
  "block-quote": "blockquote",
  blockquote: "blockquote",
  code: "pre",
  "code-block": "pre",
  table: "table",
  "table-row": "tr",
  tr: "tr",
  "table-cell": "td",
  td: "td",
  "table-header-cell": "th",
  th: "th",
  link: "a",
  a: "a",
};

const MAX_DEPTH = 200;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;",
  );
}

export function richTextToHtml(tree: unknown): string {
  const out: string[] = [];
  render(tree, out, 0);
  return out.join("");
}

function render(node: unknown, out: string[], depth: number): void {
  if (depth > MAX_DEPTH || node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const n of node) render(n, out, depth + 1);
    return;
  }
  const n = node as Record<string, unknown>;
  if (typeof n.text === "string" && !Array.isArray(n.children)) {
    out.push(escapeHtml(n.text));
    return;
  }
  const type = typeof n.type === "string" ? n.type : "";
  const tag = TAGS[type] ?? (type === "" ? "" : "div");
  const href = typeof n.url === "string" ? n.url : typeof n.href === "string" ? n.href : undefined;
  if (tag) out.push(tag === "a" && href ? `<a href="${escapeHtml(href)}">` : `<${tag}>`);
  render(n.children, out, depth + 1);
  if (tag) out.push(`</${tag}>`);
}
