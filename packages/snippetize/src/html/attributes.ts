/**
 * The attributes the block builder reads, in one fixed-shape record: property reads and writes
 * stay monomorphic, where an object keyed by whatever names a page uses was the slowest line of
 * the parse. Attributes that only make an element noise are checked as they arrive, not kept.
 */
export interface Attributes {
  id: string | undefined;
  name: string | undefined;
  href: string | undefined;
  class: string | undefined;
  start: string | undefined;
  reversed: string | undefined;
  type: string | undefined;
  value: string | undefined;
}

/** For the many elements that carry none of them. */
export const NO_ATTRIBUTES: Readonly<Attributes> = emptyAttributes();

export function emptyAttributes(): Attributes {
  return {
    id: undefined,
    name: undefined,
    href: undefined,
    class: undefined,
    start: undefined,
    reversed: undefined,
    type: undefined,
    value: undefined,
  };
}

/** Keeps the first value of an attribute, as the parser's attributes object did. */
export function setAttribute(a: Attributes, key: string, value: string): void {
  switch (key) {
    case "id":
      a.id ??= value;
      return;
    case "name":
      a.name ??= value;
      return;
    case "href":
      a.href ??= value;
      return;
    case "class":
      a.class ??= value;
      return;
    case "start":
      a.start ??= value;
      return;
    case "reversed":
      a.reversed ??= value;
      return;
    case "type":
      a.type ??= value;
      return;
    case "value":
      a.value ??= value;
      return;
  }
}

/** Every attribute read: the kept ones and those that make an element noise (`isNoiseAttribute`). */
const WANTED = [
  "id",
  "class",
  "href",
  "name",
  "style",
  "hidden",
  "role",
  "aria-hidden",
  "start",
  "type",
  "value",
  "reversed",
];
const BY_LENGTH: string[][] = Array.from({ length: 12 }, (_, n) => WANTED.filter((w) => w.length === n));

/**
 * The lower-case name of a wanted attribute whose name is `html[start, end)` (ASCII case
 * ignored), or undefined: most attributes are neither sliced nor lower-cased.
 */
export function wantedAttribute(html: string, start: number, end: number): string | undefined {
  const length = end - start;
  if (length >= BY_LENGTH.length) return undefined;
  for (const key of BY_LENGTH[length]!) if (equalsIgnoringAsciiCase(html, start, key)) return key;
  return undefined;
}

/** `key` is lower case: an upper-case ASCII letter of the input matches its lower-case form. */
function equalsIgnoringAsciiCase(html: string, start: number, key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    const c = html.charCodeAt(start + i);
    const k = key.charCodeAt(i);
    if (c !== k && !(c >= 65 && c <= 90 && c + 32 === k)) return false;
  }
  return true;
}
