import { type Lang, type LangMap, toBcp47 } from "@lumasnip/schema";

/** A template repeats the same few codes in every widget: map each once. */
const mapped = new Map<string, Lang | undefined>();
function bcp47(code: string): Lang | undefined {
  if (!mapped.has(code)) {
    if (mapped.size > 10_000) mapped.clear();
    mapped.set(code, toBcp47(code));
  }
  return mapped.get(code);
}

/** Widget properties that hold text per language (API.md §5). */
const TEXT_KEYS = new Set(["content", "html", "text", "longText", "body", "value", "richText"]);

/** The BCP 47 languages a template's widgets carry text or titles in. */
export function templateLanguages(template: unknown): Set<Lang> {
  const found = new Set<Lang>();
  const addMap = (value: unknown) => {
    if (!value || typeof value !== "object" || Array.isArray(value)) return;
    const keys = Object.keys(value);
    const langs = keys.map(bcp47);
    // a map is a language map only when every key is a language code
    if (keys.length === 0 || langs.some((l) => l === undefined)) return;
    keys.forEach((k, i) => {
      const v = (value as Record<string, unknown>)[k];
      if (v !== null && v !== "" && v !== undefined) found.add(langs[i]!);
    });
  };
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const n = node as Record<string, unknown>;
    if (n.type === "widget" || n.widgetType !== undefined) {
      addMap(n.title);
      const props = n.properties;
      if (props && typeof props === "object") {
        for (const [key, value] of Object.entries(props)) if (TEXT_KEYS.has(key)) addMap(value);
      }
    }
    walk(n.cells);
    walk(n.components);
  };
  if (template && typeof template === "object") walk((template as { components?: unknown }).components);
  return found;
}

const primary = (lang: Lang) => lang.split("-")[0];

/**
 * The languages to carry: every language the content has, or, when the source names languages,
 * those of them it has (`pt` also takes `pt-BR`). A content in none of them keeps its site's
 * default language, else its first one, so nothing is emitted empty (API.md's fallback order).
 */
export function chooseLanguages(
  available: Lang[],
  wanted: readonly Lang[] | undefined,
  siteDefault?: Lang,
): Lang[] {
  if (!wanted || wanted.length === 0) return available;
  const keep = available.filter((a) => wanted.some((w) => w === a || primary(w) === primary(a)));
  if (keep.length > 0) return keep;
  const fallback =
    (siteDefault && available.find((a) => a === siteDefault || primary(a) === primary(siteDefault))) ??
    available[0];
  return fallback ? [fallback] : [];
}

export function pickLanguages(map: LangMap, langs: readonly Lang[]): LangMap {
  const out: LangMap = {};
  for (const lang of langs) if (map[lang] !== undefined) out[lang] = map[lang];
  return out;
}
