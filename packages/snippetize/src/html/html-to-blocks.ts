import { Tokenizer, type TokenizerCallbacks } from "htmlparser2";

import {
  type Attributes,
  emptyAttributes,
  NO_ATTRIBUTES,
  setAttribute,
  wantedAttribute,
} from "./attributes.ts";
import { BlockBuilder } from "./block-builder.ts";
import { isNoiseAttribute } from "./elements.ts";
import { IMPLIED_CLOSES, VOID_ELEMENTS } from "./tree-rules.ts";
import type { Block } from "./types.ts";

export interface HtmlToBlocksOptions {
  /** collect link targets beside the text (default true) */
  keepLinks?: boolean;
}

/**
 * HTML (a fragment or a whole page) to blocks in reading order: headings, paragraphs, lists,
 * tables, code, quotes. Scripts, styles, comments (CMS block comments included), hidden and
 * navigation subtrees and unrendered template tags are dropped.
 *
 * Reads htmlparser2's `Tokenizer` directly: its `Parser` would slice, lower-case and store every
 * attribute of every element, where the builder reads a dozen names (tree-rules.ts keeps the
 * parser's implied closes, so the elements are the ones it made).
 */
export function htmlToBlocks(html: string, options: HtmlToBlocksOptions = {}): Block[] {
  const reader = new TagReader(html, new BlockBuilder(options.keepLinks ?? true));
  const tokenizer = new Tokenizer({ decodeEntities: true }, reader);
  // lone surrogates are repaired in the output (snippet text, headings), which is smaller
  tokenizer.write(html);
  tokenizer.end();
  return reader.builder.finish();
}

/** Tokens to builder calls, with the open elements' stack of htmlparser2's `Parser`. */
class TagReader implements TokenizerCallbacks {
  /** open elements, innermost last */
  private readonly stack: string[] = [];
  /** the open tag being read: its name, the attributes kept so far, whether one made it noise */
  private tag: string | undefined;
  private attribs: Attributes | undefined;
  private noisy = false;
  /** the attribute being read, when it is one the builder wants */
  private attribute: string | undefined;
  private attributeValue = "";

  private readonly html: string;
  readonly builder: BlockBuilder;

  constructor(html: string, builder: BlockBuilder) {
    this.html = html;
    this.builder = builder;
  }

  ontext(start: number, end: number): void {
    this.builder.text(this.html.slice(start, end));
  }

  ontextentity(codePoint: number): void {
    this.builder.text(String.fromCodePoint(codePoint));
  }

  onopentagname(start: number, end: number): void {
    this.openTag(this.html.slice(start, end).toLowerCase());
  }

  onattribname(start: number, end: number): void {
    this.attribute = wantedAttribute(this.html, start, end);
    this.attributeValue = "";
  }

  onattribdata(start: number, end: number): void {
    if (this.attribute !== undefined) this.attributeValue += this.html.slice(start, end);
  }

  onattribentity(codePoint: number): void {
    if (this.attribute !== undefined) this.attributeValue += String.fromCodePoint(codePoint);
  }

  onattribend(): void {
    const key = this.attribute;
    if (key === undefined) return;
    this.attribute = undefined;
    if (isNoiseAttribute(key, this.attributeValue)) this.noisy = true;
    this.attribs ??= emptyAttributes();
    setAttribute(this.attribs, key, this.attributeValue);
  }

  onopentagend(): void {
    this.endOpenTag();
  }

  onselfclosingtag(): void {
    const name = this.endOpenTag();
    if (this.stack.at(-1) === name) this.closeInnermost(1);
  }

  onclosetag(start: number, end: number): void {
    const name = this.html.slice(start, end).toLowerCase();
    if (VOID_ELEMENTS.has(name)) {
      if (name === "br") {
        // `</br>` is a line break
        this.builder.open("br", NO_ATTRIBUTES);
        this.builder.close("br");
      }
      return;
    }
    const at = this.stack.lastIndexOf(name);
    if (at >= 0) this.closeInnermost(this.stack.length - at);
    else if (name === "p") {
      // `</p>` with no `<p>` open is an empty paragraph
      this.openTag("p");
      this.onselfclosingtag();
    }
  }

  onend(): void {
    // a tag cut off by the end of the input still opens its element (its complete attributes kept)
    if (this.tag !== undefined) this.endOpenTag();
    this.closeInnermost(this.stack.length);
  }

  // declarations, processing instructions, comments and CDATA (a comment in HTML) carry no text
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  oncomment(): void {}
  oncdata(): void {}

  private openTag(name: string): void {
    const closes = IMPLIED_CLOSES.get(name);
    if (closes) {
      let n = 0;
      while (n < this.stack.length && closes.has(this.stack[this.stack.length - 1 - n]!)) n++;
      this.closeInnermost(n);
    }
    if (!VOID_ELEMENTS.has(name)) this.stack.push(name);
    this.tag = name;
  }

  /** Hands the open tag to the builder once its attributes are complete; a void element closes. */
  private endOpenTag(): string {
    const name = this.tag!;
    this.builder.open(name, this.attribs ?? NO_ATTRIBUTES, this.noisy);
    this.tag = undefined;
    this.attribs = undefined;
    this.noisy = false;
    if (VOID_ELEMENTS.has(name)) this.builder.close(name);
    return name;
  }

  private closeInnermost(n: number): void {
    for (let i = 0; i < n; i++) this.builder.close(this.stack.pop()!);
  }
}
