import { digitsId, unitFrom } from "./ids.ts";
import { parseV1, v1FromDate } from "./store/clock.ts";
import type { Seed, SimContent } from "./types.ts";

const DAY = 86_400_000;

/**
 * Multiplies a seed's contents to `total` items: copies get new ids and earlier dates. Copies
 * share the template object with their original (a change clones before writing), so 10,000
 * items cost little memory.
 */
export function scaleSeed(seed: Seed, total: number): Seed {
  if (!Number.isInteger(total) || total < 1)
    throw new Error(`scale must be a positive integer, got ${total}`);
  const originals = seed.contents;
  if (total <= originals.length) return { ...seed, contents: originals.slice(0, total) };
  const contents: SimContent[] = [...originals];
  for (let copy = 1; contents.length < total; copy++) {
    for (const original of originals) {
      if (contents.length >= total) break;
      contents.push(copyOf(original, copy));
    }
  }
  return { ...seed, contents };
}

function copyOf(original: SimContent, copy: number): SimContent {
  const id = digitsId(`${original.id}#copy${copy}`);
  const shift = (copy * 3 + unitFrom(id) * 2) * DAY;
  const moved = (value: unknown) => (typeof value === "string" ? v1FromDate(parseV1(value) - shift) : value);
  const title: Record<string, string> = {};
  for (const [lang, text] of Object.entries(original.title)) title[lang] = `${text} (${copy + 1})`;
  const out: SimContent = {
    ...original,
    id,
    uid: id,
    title,
    createdAt: moved(original.createdAt) as string,
    updatedAt: moved(original.updatedAt) as string,
    url: `/canonical/customer/${original.customer}/Content/${id}`,
  };
  for (const field of ["publicationDate", "endDate", "startDate"]) {
    if (original[field] !== undefined) out[field] = moved(original[field]);
  }
  delete out.lastRevision;
  delete out.canonicalUrl;
  return out;
}
