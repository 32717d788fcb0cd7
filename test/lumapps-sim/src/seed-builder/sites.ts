import { digitsId } from "../ids.ts";

/** LumApps language keys as LumApps writes them (`jp`, `cn`, ...), from the corpus' tags. */
export const lumappsLang: Record<string, string> = {
  en: "en",
  "en-US": "en",
  de: "de",
  "de-DE": "de",
  fr: "fr",
  "fr-FR": "fr",
  "es-ES": "es",
  ja: "jp",
  "ja-JP": "jp",
  "zh-CN": "cn",
  "zh-cn": "cn",
  ru: "ru",
  "ru-RU": "ru",
  "ar-MA": "ar",
  fa: "fa",
};

export interface SiteSpec {
  key: string;
  name: string;
  title: Record<string, string>;
  langs: string[];
  defaultLang: string;
  /** corpus source folder(s) whose content lives on this site */
  sources: string[];
  kind: "pages" | "news";
}

/** Several sites, each with its own languages, as an intranet would have. */
export const siteSpecs: SiteSpec[] = [
  {
    key: "handbook",
    name: "Admin Handbook",
    title: { en: "Administrator's Handbook", fr: "Cahier de l'administrateur", ar: "دفتر مدير النظام" },
    langs: ["en", "fr", "de", "es", "jp", "cn", "ru", "ar"],
    defaultLang: "en",
    sources: ["debian-handbook"],
    kind: "pages",
  },
  {
    key: "reference",
    name: "Reference",
    title: { en: "Reference", jp: "リファレンス" },
    langs: ["en", "de", "fr", "jp", "cn"],
    defaultLang: "en",
    sources: ["debian-reference"],
    kind: "pages",
  },
  {
    key: "developers",
    name: "Developers' corner",
    title: { en: "Developers' corner", de: "Entwicklerecke" },
    langs: ["en", "de", "fr", "jp", "ru"],
    defaultLang: "en",
    sources: ["developers-reference"],
    kind: "pages",
  },
  {
    // a French-first site: its default language is not English
    key: "faq",
    name: "FAQ",
    title: { fr: "Foire aux questions", en: "FAQ" },
    langs: ["fr", "en", "de", "jp", "ru", "cn"],
    defaultLang: "fr",
    sources: ["debian-faq"],
    kind: "pages",
  },
  {
    key: "training",
    name: "Training news",
    title: { en: "Training news" },
    langs: ["en"],
    defaultLang: "en",
    sources: ["software-carpentry-blog"],
    kind: "news",
  },
  {
    key: "distro",
    name: "Distribution news",
    title: { fa: "اخبار توزیع", en: "Distribution news" },
    langs: ["fa", "en"],
    defaultLang: "fa",
    sources: ["parchlinux-blog"],
    kind: "news",
  },
];

export const siteId = (key: string) => digitsId(`site:${key}`);
export const contentTypeId = (siteKey: string, kind: string) => digitsId(`cct:${siteKey}:${kind}`);
export const siteOfSource = (source: string) => siteSpecs.find((s) => s.sources.includes(source))!;
