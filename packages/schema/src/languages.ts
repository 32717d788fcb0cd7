import { z } from "zod";

/**
 * LumApps language codes -> BCP 47, mapped once where data enters the system. LumApps uses
 * legacy codes for a few languages (`jp`, `cn`, `pt_br`); the rest are ISO 639-1 with optional
 * region in either `_` or `-` form.
 */
const LUMAPPS_TO_BCP47: Record<string, string> = {
  jp: "ja",
  cn: "zh-CN",
  zh: "zh-CN",
  zh_hans: "zh-Hans",
  zh_hant: "zh-Hant",
  tw: "zh-TW",
  kr: "ko",
  gr: "el",
  cz: "cs",
  dk: "da",
  se: "sv",
  ua: "uk",
  iw: "he",
  in: "id",
  pt_br: "pt-BR",
  br: "pt-BR",
};

const BCP47_PATTERN = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|\d{3}))?$/;

/** A BCP 47 tag as this system writes them (`en`, `pt-BR`, `zh-CN`, `zh-Hant`). */
export const LangSchema = z.string().regex(BCP47_PATTERN, "a BCP 47 language tag such as en, pt-BR, zh-CN");
export type Lang = string;

/**
 * Maps a LumApps language code to BCP 47 (`jp` -> `ja`, `pt_br` -> `pt-BR`, `en-us` -> `en-US`).
 * Returns undefined for what is not a language code, so callers can skip it loudly.
 */
export function toBcp47(code: string): Lang | undefined {
  const raw = code.trim();
  if (raw === "") return undefined;
  const lower = raw.toLowerCase().replace(/-/g, "_");
  const mapped = LUMAPPS_TO_BCP47[lower];
  if (mapped) return mapped;
  const parts = lower.split("_");
  const [language, ...rest] = parts;
  if (!language || !/^[a-z]{2,3}$/.test(language)) return undefined;
  const out = [language];
  for (const p of rest) {
    if (/^[a-z]{4}$/.test(p)) out.push(p[0]!.toUpperCase() + p.slice(1));
    else if (/^([a-z]{2}|\d{3})$/.test(p)) out.push(p.toUpperCase());
    else return undefined;
  }
  const tag = out.join("-");
  return BCP47_PATTERN.test(tag) ? tag : undefined;
}

/** A language map with BCP 47 keys (`{"en": "...", "pt-BR": "..."}`). */
export const LangMapSchema = z.record(LangSchema, z.string());
export type LangMap = Record<Lang, string>;

/**
 * Re-keys a LumApps language map to BCP 47, dropping empty values and non-language keys.
 * When two LumApps codes map to one tag (`cn` and `zh`), the first non-empty value wins.
 */
export function langMapToBcp47(map: unknown): LangMap {
  const out: LangMap = {};
  if (!map || typeof map !== "object" || Array.isArray(map)) return out;
  for (const [code, value] of Object.entries(map as Record<string, unknown>)) {
    if (typeof value !== "string" || value.trim() === "") continue;
    const lang = toBcp47(code);
    if (lang && !(lang in out)) out[lang] = value;
  }
  return out;
}

/**
 * API.md's language choice: the wanted language, then the site's default, then any non-empty
 * value (in the map's order). Also matches a bare language to a regional variant (`pt` -> `pt-BR`).
 */
export function pickLang(map: LangMap, wanted: readonly Lang[], siteDefault?: Lang): Lang | undefined {
  const keys = Object.keys(map).filter((k) => map[k] !== "");
  const match = (want: Lang): Lang | undefined =>
    keys.find((k) => k === want) ?? keys.find((k) => k.split("-")[0] === want.split("-")[0]);
  for (const w of wanted) {
    const m = match(w);
    if (m) return m;
  }
  if (siteDefault) {
    const m = match(siteDefault);
    if (m) return m;
  }
  return keys[0];
}
