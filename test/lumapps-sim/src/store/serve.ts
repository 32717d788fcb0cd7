import type { SimContent, SimUser, TemplateNode } from "../types.ts";
import { audienceAllows } from "./actions.ts";

/** The content as this user receives it: widgets they may not see are cut out in "strip" mode. */
export function serveContent(
  content: SimContent,
  user: SimUser,
  widgetRights: "return" | "strip",
): SimContent {
  if (widgetRights === "return" || user.admin) return content;
  return {
    ...content,
    template: { ...content.template, components: stripNodes(content.template.components, user) },
  };
}

function stripNodes(nodes: TemplateNode[] | undefined, user: SimUser): TemplateNode[] {
  const out: TemplateNode[] = [];
  for (const node of nodes ?? []) {
    if (node.type === "widget" && !audienceAllows(node.feedKeys, user)) continue;
    const copy: TemplateNode = { ...node };
    if (node.cells) copy.cells = stripNodes(node.cells, user);
    if (node.components) copy.components = stripNodes(node.components, user);
    out.push(copy);
  }
  return out;
}
