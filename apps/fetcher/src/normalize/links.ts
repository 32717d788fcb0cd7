import { type Lang, type LangMap, langMapToBcp47 } from "@lumasnip/schema";

/** An absolute http(s) URL, resolving a relative one against the platform address; else undefined. */
export function absoluteUrl(raw: unknown, platformAddress: string | undefined): string | undefined {
  if (typeof raw !== "string" || raw.trim() === "") return undefined;
  const text = raw.trim();
  let url: URL | undefined;
  try {
    if (/^[a-z][a-z0-9+.-]*:/i.test(text)) url = new URL(text);
    else if (platformAddress) url = new URL(text, `${platformAddress}/`);
  } catch {
    return undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) return undefined;
  return url.href;
}

/**
 * The canonical URL per language (API.md §5): `canonicalUrl[lang]`, then `link` (a language map
 * or one string), then `url` (relative `/canonical/customer/.../Content/<id>`), each made
 * absolute against the platform address. A language without any usable link is left out.
 */
export function contentUrls(
  content: { canonicalUrl?: unknown; link?: unknown; url?: unknown },
  langs: readonly Lang[],
  platformAddress: string | undefined,
): LangMap {
  const canonical = langMapToBcp47(content.canonicalUrl);
  const link = typeof content.link === "string" ? undefined : langMapToBcp47(content.link);
  const out: LangMap = {};
  for (const lang of langs) {
    const url =
      absoluteUrl(canonical[lang], platformAddress) ??
      absoluteUrl(link?.[lang], platformAddress) ??
      (typeof content.link === "string" ? absoluteUrl(content.link, platformAddress) : undefined) ??
      absoluteUrl(content.url, platformAddress);
    if (url) out[lang] = url;
  }
  return out;
}
