import { langMapToBcp47, pickLang, toBcp47 } from "@lumasnip/schema";

export interface LangChoice {
  /** the language being produced (BCP 47) */
  lang: string;
  /** the site's default language, the second choice (API.md §5) */
  siteDefault?: string | undefined;
}

/** A LumApps language map (`{"en": ..., "jp": ...}`): every key a language code, values strings. */
export function isLangMap(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  let any = false;
  for (const [k, v] of Object.entries(value)) {
    if (v !== null && typeof v !== "string" && (typeof v !== "object" || Array.isArray(v))) return false;
    if (toBcp47(k) === undefined) return false;
    any = true;
  }
  return any;
}

/**
 * The value for the wanted language from a LumApps language map (wanted, then the site default,
 * then any non-empty value); a bare string is the value in every language.
 */
export function pickText(value: unknown, choice: LangChoice): string | undefined {
  if (typeof value === "string") return value.trim() === "" ? undefined : value;
  if (!isLangMap(value)) return undefined;
  const map = langMapToBcp47(value);
  const lang = pickLang(map, [choice.lang], choice.siteDefault);
  return lang === undefined ? undefined : map[lang];
}

/** Like `pickText`, for maps whose values are objects (rich-text trees per language). */
export function pickValue(value: unknown, choice: LangChoice): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const byLang: Record<string, unknown> = {};
  const present: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    const lang = toBcp47(k);
    if (!lang || v === null || v === undefined || lang in byLang) continue;
    byLang[lang] = v;
    present[lang] = "x";
  }
  const lang = pickLang(present, [choice.lang], choice.siteDefault);
  return lang === undefined ? undefined : byLang[lang];
}
