import type { LangMap, Template, TemplateNode } from "../types.ts";
import { nodeFactory } from "./nodes.ts";

export const newsShapes = ["basic", "intro", "featured"] as const;
export type NewsShape = (typeof newsShapes)[number];

/** News bodies: one html widget, with the meta/social/intro/featured-image widgets news have. */
export function buildNewsTemplate(input: {
  id: string;
  lang: string;
  html: string;
  excerpt: string;
  shape: NewsShape;
  customContentType: string;
  createdAt: string;
}): Template {
  const f = nodeFactory(input.id);
  const content: LangMap = { [input.lang]: input.html };
  const meta = () =>
    f.widget("meta", {
      fields: ["author", "publication-date", "tags", "metadata", "social"].map((name) => ({
        enable: true,
        name,
      })),
    });
  const social = () =>
    f.widget("meta-social", {
      fields: [
        { enable: true, name: "like" },
        { enable: false, name: "comment" },
      ],
    });
  let widgets: TemplateNode[];
  switch (input.shape) {
    case "basic":
      widgets = [f.widget("title"), meta(), f.widget("html", { content }), social()];
      break;
    case "intro":
      widgets = [
        f.widget("title"),
        f.widget("intro", { content: { [input.lang]: input.excerpt } }),
        f.widget("html", { content }),
      ];
      break;
    case "featured":
      widgets = [
        f.widget("featured-image", { size: "large" }),
        f.widget("title"),
        f.widget("html", { content }),
        meta(),
      ];
      break;
  }
  return f.template([f.row([f.cell(12, widgets)])], input.customContentType, input.createdAt);
}
