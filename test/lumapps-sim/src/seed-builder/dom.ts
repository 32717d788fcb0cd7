import { DomUtils, parseDocument } from "htmlparser2";

export type Doc = ReturnType<typeof parseDocument>;
export type DomNode = Doc["children"][number];
export type El = Extract<DomNode, { attribs: Record<string, string> }>;

/** Parsed without decoding entities, so serializing gives the authors' bytes back. */
export const parseHtml = (html: string): Doc => parseDocument(html, { decodeEntities: false });

export const isEl = (node: DomNode | null | undefined): node is El =>
  !!node && DomUtils.isTag(node as Parameters<typeof DomUtils.isTag>[0]);

export const hasClass = (el: El, name: string) => (el.attribs.class ?? "").split(/\s+/).includes(name);

export const outer = (nodes: DomNode | DomNode[]) =>
  DomUtils.getOuterHTML(nodes as Parameters<typeof DomUtils.getOuterHTML>[0], {
    decodeEntities: false,
    emptyAttrs: true,
  });

export function findAll(test: (el: El) => boolean, nodes: DomNode[]): El[] {
  return DomUtils.findAll(test as never, nodes as never) as unknown as El[];
}

export function findOne(test: (el: El) => boolean, nodes: DomNode[]): El | undefined {
  return (DomUtils.findOne(test as never, nodes as never, true) as unknown as El | null) ?? undefined;
}

export const remove = (node: DomNode) => DomUtils.removeElement(node as never);

/** Plain text with entities decoded (titles, headings). */
export function text(nodes: DomNode | DomNode[]): string {
  const raw = outer(nodes);
  return DomUtils.textContent(parseDocument(raw, { decodeEntities: true }) as never)
    .replace(/\s+/g, " ")
    .trim();
}

/** Element children only, skipping whitespace text and comments. */
export const elementChildren = (el: El | Doc): El[] => (el.children as DomNode[]).filter(isEl);
