import { Parser } from "htmlparser2";

import { BlockBuilder } from "./block-builder.ts";
import { isNoiseAttribute } from "./elements.ts";
import type { Block } from "./types.ts";

export interface HtmlToBlocksOptions {
  /** collect link targets beside the text (default true) */
  keepLinks?: boolean;
}

/** The attributes the builder reads (others are not even stored), by their lower-case name. */
function wanted(name: string): string | undefined {
  switch (name) {
    case "id":
    case "class":
    case "href":
    case "name":
    case "style":
    case "hidden":
    case "role":
    case "aria-hidden":
    case "start":
    case "type":
    case "value":
    case "reversed":
      return name;
  }
  return hasUpper(name) ? wanted(name.toLowerCase()) : undefined;
}
const NONE: Record<string, string> = Object.freeze({}) as Record<string, string>;

function hasUpper(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

/**
 * HTML (a fragment or a whole page) to blocks in reading order: headings, paragraphs, lists,
 * tables, code, quotes. Scripts, styles, comments (CMS block comments included), hidden and
 * navigation subtrees and unrendered template tags are dropped.
 *
 * Driven by htmlparser2's name/attribute callbacks rather than `onopentag`, so no attributes
 * object is built for the many elements that carry none; an open tag is handed to the builder
 * when the next event arrives (its attributes are complete by then).
 */
export function htmlToBlocks(html: string, options: HtmlToBlocksOptions = {}): Block[] {
  const builder = new BlockBuilder(options.keepLinks ?? true);
  let pending: string | undefined;
  let attribs = NONE;
  let noisy = false;
  const flushOpen = () => {
    if (pending === undefined) return;
    const name = pending;
    pending = undefined;
    builder.open(name, attribs, noisy);
    attribs = NONE;
    noisy = false;
  };
  const parser = new Parser(
    {
      onopentagname: (name) => {
        flushOpen();
        pending = name;
      },
      onattribute: (name, value) => {
        const key = wanted(name);
        if (key === undefined) return;
        if (isNoiseAttribute(key, value)) noisy = true;
        if (attribs === NONE) attribs = {};
        attribs[key] ??= value;
      },
      onclosetag: (name) => {
        flushOpen();
        builder.close(name);
      },
      ontext: (data) => {
        flushOpen();
        builder.text(data);
      },
    },
    { decodeEntities: true, recognizeSelfClosing: true, lowerCaseAttributeNames: false },
  );
  // lone surrogates are repaired in the output (snippet text, headings), which is smaller
  parser.end(html);
  flushOpen();
  return builder.finish();
}
