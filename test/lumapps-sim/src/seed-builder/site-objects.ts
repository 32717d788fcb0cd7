import type { SimContent, SimContentType, SimInstance } from "../types.ts";
import { contentTypeId, siteId, siteSpecs } from "./sites.ts";

const createdAt = "2021-09-01T08:00:00.000000";

/** The sites, shaped like lumapps/reference/instance_list.json. */
export function buildSites(customer: string, contents: SimContent[]): SimInstance[] {
  return siteSpecs.map((spec) => {
    const id = siteId(spec.key);
    const home =
      contents.find((c) => c.instance === id && c.isHomepage) ?? contents.find((c) => c.instance === id);
    return {
      id,
      uid: id,
      name: spec.name,
      title: spec.title,
      slug: spec.key,
      status: "LIVE",
      langs: spec.langs,
      defaultLang: spec.defaultLang,
      customer,
      parent: null,
      hosts: [],
      homePage: home?.id ?? null,
      createdAt,
      updatedAt: "2025-01-15T10:00:00.000000",
      createdBy: "site-admin@sim.example.com",
      theme: "default",
      menuType: "horizontal",
      configuration: "default",
      deviceTheme: "default",
      isDefaultInstance: spec.key === "handbook",
      markedAsFavorite: false,
      deletableFromFavorite: false,
      publicContentAuthorized: spec.kind === "news",
    };
  });
}

/** Each site has its page and news content types (customContentType ids of the contents). */
export function buildContentTypes(customer: string): SimContentType[] {
  return siteSpecs.flatMap((spec) =>
    (["page", "news"] as const).map((kind) => {
      const id = contentTypeId(spec.key, kind);
      return {
        id,
        uid: id,
        name:
          kind === "page"
            ? { en: "Page", fr: "Page", fa: "صفحه" }
            : { en: "News", fr: "Actualité", fa: "خبر" },
        functionalInnerId: kind,
        instance: siteId(spec.key),
        customer,
        createdAt,
        updatedAt: createdAt,
        heritable: false,
        isWorkflowEnabled: false,
        tags: [],
      };
    }),
  );
}
