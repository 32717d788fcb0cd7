import type { LangMap, Template, TemplateNode } from "../types.ts";
import { type ExtractedPage, type Section, splitIntro } from "./main-content.ts";
import { nodeFactory } from "./nodes.ts";

export const pageShapes = ["single", "intro", "sections", "nested", "accordion"] as const;
export type PageShape = (typeof pageShapes)[number];

export interface PageTemplateInput {
  id: string;
  /** LumApps language key -> the extracted page in that language */
  pages: Map<string, ExtractedPage>;
  shape: PageShape;
  customContentType: string;
  createdAt: string;
  /** feed keys of one html widget (the second one): a widget only some groups may read */
  restrictedWidget?: string[];
  /** other contents a content-list widget points at (the nested shape) */
  related: string[];
}

const wrap = (page: ExtractedPage, html: string) =>
  page.rtl && html ? `<div dir="rtl">${html}</div>` : html;

/** A language map built from each language's page; languages without a value are left out. */
function perLang(
  pages: Map<string, ExtractedPage>,
  pick: (page: ExtractedPage) => string | undefined,
): LangMap {
  const out: LangMap = {};
  for (const [lang, page] of pages) {
    const value = pick(page);
    if (value) out[lang] = value;
  }
  return out;
}

/** Parts merged down to `count`: the last keeps everything that did not fit. */
function mergedParts(parts: Section[], count: number): Section[] {
  if (parts.length <= count) return parts;
  const head = parts.slice(0, count - 1);
  const rest = parts.slice(count - 1);
  const html = rest.map((p) => p.html).join("\n");
  return [
    ...head,
    {
      heading: rest[0]!.heading,
      html,
      body: [rest[0]!.body, ...rest.slice(1).map((p) => p.html)].join("\n"),
    },
  ];
}

export function buildPageTemplate(input: PageTemplateInput): Template {
  const f = nodeFactory(input.id);
  const { pages } = input;
  const maxParts = Math.max(...[...pages.values()].map((p) => p.parts.length));
  let shape = input.shape;
  if ((shape === "accordion" || shape === "sections" || shape === "nested") && maxParts < 3) shape = "single";
  const html = (content: LangMap) => f.widget("html", { content });
  const title = () => f.widget("title");
  const partWidgets = (count: number, titled: boolean): TemplateNode[] => {
    const merged = new Map([...pages].map(([lang, page]) => [lang, mergedParts(page.parts, count)]));
    const widgets: TemplateNode[] = [];
    for (let i = 0; i < count; i++) {
      const content: LangMap = {};
      const heading: LangMap = {};
      for (const [lang, parts] of merged) {
        const part = parts[i];
        if (!part) continue;
        const page = pages.get(lang)!;
        const useTitle = titled && i > 0 && part.heading !== "";
        content[lang] = wrap(page, useTitle ? part.body : part.html);
        if (useTitle) heading[lang] = part.heading;
      }
      if (Object.keys(content).length === 0) continue;
      if (Object.keys(heading).length === 0) widgets.push(html(content));
      else {
        // accordion-like: the section heading lives only in the widget's title
        widgets.push(f.widget("html", { content, isCollapsible: true, isOpen: i === 1 }, { title: heading }));
      }
    }
    return widgets;
  };
  let rows: TemplateNode[];
  switch (shape) {
    case "single":
      rows = [f.row([f.cell(12, [title(), html(perLang(pages, (p) => wrap(p, p.html)))])])];
      break;
    case "intro": {
      const split = new Map([...pages].map(([lang, page]) => [lang, splitIntro(page.html)]));
      const intro: LangMap = {};
      const rest: LangMap = {};
      for (const [lang, s] of split) {
        if (s.intro) intro[lang] = s.intro;
        rest[lang] = wrap(pages.get(lang)!, s.rest);
      }
      rows = [f.row([f.cell(12, [title(), f.widget("intro", { content: intro }), html(rest)])])];
      break;
    }
    case "sections":
      rows = [f.row([f.cell(12, [title(), ...partWidgets(Math.min(maxParts, 5), false)])])];
      break;
    case "accordion":
      rows = [f.row([f.cell(12, [title(), ...partWidgets(Math.min(maxParts, 9), true)])])];
      break;
    case "nested": {
      const [first, second, ...others] = partWidgets(3, false);
      const list = f.widget("content-list", {
        type: ["page"],
        listMode: "pick",
        pickedContents: input.related,
        maxNumber: input.related.length,
        displayType: "list",
        fields: ["title", "excerpt"],
      });
      list.title = { en: "Related pages", fr: "Pages liées", de: "Verwandte Seiten" };
      const main = f.cell(8, [
        title(),
        ...(first ? [first] : []),
        f.row([f.cell(6, second ? [second] : []), f.cell(6, others)]),
      ]);
      rows = [f.row([main, f.cell(4, [list])])];
      break;
    }
  }
  if (input.restrictedWidget) restrictSecondHtml(rows, input.restrictedWidget);
  return f.template(rows, input.customContentType, input.createdAt);
}

function restrictSecondHtml(rows: TemplateNode[], feedKeys: string[]) {
  const found: TemplateNode[] = [];
  const walk = (nodes: TemplateNode[] | undefined) => {
    for (const n of nodes ?? []) {
      if (n.type === "widget" && n.widgetType === "html") found.push(n);
      walk(n.cells);
      walk(n.components);
    }
  };
  walk(rows);
  const target = found[1] ?? found[0];
  if (target) target.feedKeys = [...feedKeys];
}
