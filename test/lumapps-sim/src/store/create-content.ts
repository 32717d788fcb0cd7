import type { LangMap, SimContent, TemplateNode } from "../types.ts";
import type { Store } from "./store.ts";
import { escapeHtml, runtimeUuid } from "./template-edit.ts";

let made = 0;

/** A new content made at run time: a plain page (or news) with a title and one html widget. */
export function createContent(
  store: Store,
  input: {
    type?: string;
    instance?: string;
    title?: LangMap;
    html?: LangMap;
    feedKeys?: string[];
    status?: string;
  },
  at: string,
): SimContent {
  const site = input.instance ? store.instances.find((s) => s.id === input.instance) : store.instances[0];
  if (!site) throw new Error(`no site ${input.instance ?? "(the seed has none)"}`);
  const type = input.type ?? "page";
  const contentType = store.contentTypes.find((t) => t.instance === site.id && t.functionalInnerId === type);
  let id: string;
  do id = String(8_000_000_000_000_000 + ++made * 7919 + (Date.now() % 7919));
  while (store.contents.has(id));
  const lang = site.defaultLang;
  const title = input.title ?? { [lang]: `Simulated ${type} ${made}` };
  const html = input.html ?? {
    [lang]: `<h2>Created at ${at}</h2><p>${escapeHtml(`This ${type} was created by the LumApps simulator.`)}</p>`,
  };
  const widget = (widgetType: string, properties: Record<string, unknown>): TemplateNode => ({
    type: "widget",
    widgetType,
    uuid: runtimeUuid(made * 10 + (widgetType === "html" ? 1 : 0)),
    feedKeys: [],
    title: {},
    properties,
    status: "LIVE",
  });
  const slug: LangMap = {};
  for (const [l, t] of Object.entries(title)) slug[l] = t.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return {
    id,
    uid: id,
    type,
    customContentType: contentType?.id ?? "",
    instance: site.id,
    customer: store.customer,
    status: input.status ?? "LIVE",
    version: 1,
    feedKeys: input.feedKeys ?? [],
    createdAt: at,
    updatedAt: at,
    publicationDate: at,
    title,
    slug,
    excerpt: {},
    author: "simulator@sim.example.com",
    authorDetails: {
      email: "simulator@sim.example.com",
      firstName: "Sim",
      lastName: "Ulator",
      fullName: "Sim Ulator",
    },
    url: `/canonical/customer/${store.customer}/Content/${id}`,
    public: false,
    template: {
      basicMode: false,
      components: [
        {
          type: "row",
          uuid: runtimeUuid(made * 10 + 2),
          cells: [
            {
              type: "cell",
              uuid: runtimeUuid(made * 10 + 3),
              width: 12,
              components: [widget("title", {}), widget("html", { content: html })],
            },
          ],
        },
      ],
    },
  };
}
