import { uuidFrom } from "../ids.ts";
import type { LangMap, Template, TemplateNode } from "../types.ts";

/** Template nodes in the full shape of lumapps/reference/template_1.json (nulls and all). */
const style = () => ({
  content: {},
  footer: { icon: {}, label: {}, main: {}, wrapper: {} },
  header: { icon: {}, label: {}, main: {}, wrapper: {} },
  main: {},
});

export interface NodeFactory {
  widget(
    widgetType: string,
    properties?: Record<string, unknown>,
    extra?: Partial<TemplateNode>,
  ): TemplateNode;
  cell(width: number, components: TemplateNode[]): TemplateNode;
  row(cells: TemplateNode[]): TemplateNode;
  template(rows: TemplateNode[], customContentType: string, createdAt: string): Template;
}

/** Node ids derive from the content id and a counter: the same input builds the same template. */
export function nodeFactory(contentId: string): NodeFactory {
  let n = 0;
  const uuid = () => uuidFrom(`${contentId}:node:${n++}`);
  const common = () => ({
    createdAt: null,
    description: {},
    hasModelVersion: false,
    modelVersion: null,
    placeholder: null,
    status: "LIVE",
    systemInfo: null,
    title: {} as LangMap,
    updatedAt: null,
    uuid: uuid(),
  });
  return {
    widget(widgetType, properties = {}, extra = {}) {
      return {
        ...common(),
        customer: null,
        enabled: false,
        feedKeys: [],
        href: null,
        id: null,
        instance: null,
        isGlobal: false,
        isMainWidget: false,
        isOverride: false,
        properties: { more: {}, ...properties, style: style(), stylesMigrated: true },
        required: false,
        style: null,
        type: "widget",
        widgetType,
        ...extra,
      };
    },
    cell(width, components) {
      return {
        ...common(),
        cellType: "default",
        components,
        properties: { style: { components: {} } },
        type: "cell",
        width,
      };
    },
    row(cells) {
      return { ...common(), cells, properties: { style: {} }, type: "row" };
    },
    template(rows, customContentType, createdAt) {
      return {
        basicMode: false,
        components: rows,
        createdAt,
        customContentType,
        fixedLayout: false,
        fixedWidgets: false,
        heritable: false,
        id: "",
        properties: { lastLifeCycle: { delta: 0, mandatory: false, manual: false } },
        uid: "",
        visibilityInheritedOnly: false,
      };
    },
  };
}
