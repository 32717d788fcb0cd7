import type { Template, TemplateNode } from "../types.ts";

/** Widgets in reading order (rows, cells and nested rows walked depth first). */
export function widgets(template: Template): TemplateNode[] {
  const out: TemplateNode[] = [];
  const walk = (nodes: TemplateNode[] | undefined) => {
    for (const node of nodes ?? []) {
      if (node.type === "widget") out.push(node);
      walk(node.cells);
      walk(node.components);
    }
  };
  walk(template.components);
  return out;
}

export function findWidget(template: Template, uuid?: string): TemplateNode | undefined {
  const all = widgets(template);
  return uuid ? all.find((w) => w.uuid === uuid) : all.find((w) => w.widgetType === "html");
}

export const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Cheap ids for widgets made at run time (the seed builder derives its own from hashes). */
export function runtimeUuid(n: number): string {
  const hex = n.toString(16).padStart(12, "0");
  return `5e1a0000-0000-4000-8000-${hex}`;
}
