const MAX_HEADER = 1024;
const MAX_RANGES = 20;
const RANGE = /^([A-Za-z]{2,3})(?:-([A-Za-z]{4}))?(?:-([A-Za-z]{2}|\d{3}))?$/;

/**
 * The languages an `Accept-Language` header asks for, best first, in this system's BCP 47 casing
 * (`pt-br` -> `pt-BR`). `*`, q=0 and malformed ranges are dropped: browsers send odd headers, and a
 * bad one only means "no preference", never an error.
 */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header || header.length > MAX_HEADER) return [];
  const ranges: { tag: string; q: number; i: number }[] = [];
  header
    .split(",")
    .slice(0, MAX_RANGES)
    .forEach((part, i) => {
      const [range = "", ...params] = part.trim().split(";");
      const m = RANGE.exec(range.trim());
      if (!m) return;
      let q = 1;
      for (const p of params) {
        const [k, v] = p.trim().split("=");
        if (k === "q") q = Number(v);
      }
      if (!(q > 0 && q <= 1)) return;
      const [, lang = "", script, region] = m;
      const tag = [
        lang.toLowerCase(),
        script ? script[0]!.toUpperCase() + script.slice(1).toLowerCase() : undefined,
        region?.toUpperCase(),
      ]
        .filter(Boolean)
        .join("-");
      ranges.push({ tag, q, i });
    });
  return ranges.sort((a, b) => b.q - a.q || a.i - b.i).map((r) => r.tag);
}
