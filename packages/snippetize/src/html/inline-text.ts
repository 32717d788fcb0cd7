/**
 * Inline text: whitespace collapsing, `<br>` lines, blank-line paragraphs of bodies written
 * without `<p>`, and template syntax a CMS left unrendered (Liquid/Jinja/Handlebars tags).
 */

/**
 * Marks a `<br>` inside the paragraph buffer: a Unicode noncharacter, reserved for exactly this
 * kind of internal use, so no text carries it and the input needs no sanitizing.
 */
export const BR = "\ufdd0";
/** Marks a blank line in top-level text: a paragraph break in a body without `<p>`. */
export const PARA = "\ufdd1";

// a single space is left alone: matching only real runs and other whitespace keeps the number
// of replacements (the cost of a global replace) small
const SPACE_RUN = /[\t\n\f\r\u00a0][\t\n\f\r \u00a0]*| [\t\n\f\r \u00a0]+/g;
const BLANK_LINE = /\r?\n[\t\f\r \u00a0]*\r?\n\s*/g;
const TEMPLATE_TAG = /\{\{[^{}]{0,400}\}\}|\{%[\s\S]{0,400}?%\}|\{#[\s\S]{0,400}?#\}/g;

export function collapse(data: string): string {
  return data.replace(SPACE_RUN, " ");
}

/** Top-level text of a fragment: a blank line is a paragraph break (bodies without `<p>`). */
export function markBlankLines(data: string): string {
  if (data.indexOf("\n") < 0) return data;
  return data.replace(BLANK_LINE, PARA);
}

/** Any character that is not whitespace or one of our markers. */
export function hasVisible(data: string): boolean {
  for (let i = 0; i < data.length; i++) {
    const c = data.charCodeAt(i);
    if (c > 32 && c !== 160 && c !== 0xfdd1) return true;
  }
  return false;
}

export function stripTemplateTags(text: string): string {
  if (text.indexOf("{{") < 0 && text.indexOf("{%") < 0 && text.indexOf("{#") < 0) return text;
  return text.replace(TEMPLATE_TAG, "");
}

/** What a paragraph buffer may contain, noted while it fills, so flushing skips needless scans. */
export const HAS_BREAKS = 1;
export const HAS_BRACES = 2;

/**
 * Turns a paragraph buffer into paragraphs: whitespace collapses; one `<br>` is a line break
 * inside a paragraph, a run of them (an empty line) or a blank line in top-level text ends the
 * paragraph.
 */
export function paragraphsOf(raw: string, flags = HAS_BREAKS | HAS_BRACES): string[] {
  let text = collapse(raw);
  if (flags & HAS_BRACES) text = collapseSpaces(stripTemplateTags(text));
  if (!(flags & HAS_BREAKS) || (text.indexOf(BR) < 0 && text.indexOf(PARA) < 0)) {
    const t = text.trim();
    return t === "" ? [] : [t];
  }
  const out: string[] = [];
  for (const block of text.split(PARA)) {
    let lines: string[] = [];
    for (const line of block.split(BR)) {
      const t = line.trim();
      if (t !== "") {
        lines.push(t);
        continue;
      }
      if (lines.length > 0) out.push(lines.join("\n"));
      lines = [];
    }
    if (lines.length > 0) out.push(lines.join("\n"));
  }
  return out;
}

/** Removing template tags can leave double spaces. */
function collapseSpaces(t: string): string {
  return t.indexOf("  ") < 0 ? t : t.replace(/ {2,}/g, " ");
}
