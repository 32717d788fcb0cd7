import type { Attributes } from "./attributes.ts";
import { C, CALLOUT_CLASS, CATEGORY } from "./elements.ts";
import {
  BR,
  collapse,
  HAS_BRACES,
  HAS_BREAKS,
  hasVisible,
  markBlankLines,
  paragraphsOf,
} from "./inline-text.ts";
import { itemText, type ListFrame, nestedListItem, nextMarker, openList } from "./list-lines.ts";
import { addCell, endRow, finishTable, openTable, type TableFrame } from "./table-frame.ts";
import type { Block, ContentBlock, Link } from "./types.ts";

/** Frame kinds: what closing an element has to finish. */
const F = {
  Inline: 0,
  Block: 1,
  Heading: 2,
  Pre: 3,
  Quote: 4,
  List: 5,
  Table: 6,
  Row: 7,
  Section: 8,
  Link: 9,
  Bold: 10,
  Callout: 11,
} as const;
type F = (typeof F)[keyof typeof F];

type Child = {
  builder: BlockBuilder;
  kind: "item" | "cell" | "caption";
  marker: string;
  header: boolean;
  depth: number;
};

/**
 * Streaming HTML -> blocks, driven by htmlparser2's callbacks (no DOM is built). List items and
 * table cells are collected by a child builder, then rendered into the list or table, so nesting
 * of any depth costs one builder per open item or cell.
 */
export class BlockBuilder {
  readonly blocks: Block[] = [];
  private readonly keepLinks: boolean;
  private frames: F[] = [];
  private child: Child | undefined;
  private skip = 0;
  private buf: string[] = [];
  private bufFlags = 0;
  private nonBold = false;
  private bold = 0;
  private blockDepth = 0;
  private quote = 0;
  private pre: string[] | undefined;
  private heading:
    | { level: number; own?: string; inner?: string; before?: string; buf: string[] }
    | undefined;
  private pendingId: string | undefined;
  private lists: ListFrame[] = [];
  private tables: TableFrame[] = [];
  private callouts: boolean[] = [];
  private links: Link[] = [];
  private link: { href: string; from: number } | undefined;

  /** top-level text of a fragment may use blank lines as paragraph breaks (no `<p>` at all) */
  private readonly topLevel: boolean;

  constructor(keepLinks: boolean, topLevel = true) {
    this.keepLinks = keepLinks;
    this.topLevel = topLevel;
  }

  /** `noisy`: an attribute already marked the element hidden, decorative or navigation */
  open(name: string, attribs: Readonly<Attributes>, noisy = false): void {
    if (this.child) {
      this.child.depth++;
      this.child.builder.open(name, attribs, noisy);
      return;
    }
    if (this.skip > 0) {
      this.skip++;
      return;
    }
    const cat = CATEGORY.get(name) ?? C.inline;
    if (cat === C.noise || noisy) {
      this.skip++;
      return;
    }
    const id = attribs.id ?? (cat === C.link ? attribs.name : undefined);
    if (id) {
      if (this.heading) this.heading.inner ??= id;
      else this.pendingId ??= id;
    }
    if (this.pre || this.heading) {
      this.frames.push(F.Inline);
      if (cat === C.br) (this.pre ?? this.heading!.buf).push(this.pre ? "\n" : " ");
      return;
    }
    switch (cat) {
      case C.inline:
        this.frames.push(F.Inline);
        return;
      case C.br:
        this.buf.push(BR);
        this.bufFlags |= HAS_BREAKS;
        this.frames.push(F.Inline);
        return;
      case C.bold:
        this.bold++;
        this.frames.push(F.Bold);
        return;
      case C.link:
        if (this.keepLinks && attribs.href && !this.link) {
          this.link = { href: attribs.href, from: this.buf.length };
          this.frames.push(F.Link);
        } else this.frames.push(F.Inline);
        return;
      case C.root:
        this.flush();
        this.frames.push(F.Inline);
        return;
      case C.heading:
        this.flush();
        if (this.quote === 0) {
          this.heading = { level: Number(name[1]), own: attribs.id, before: this.pendingId, buf: [] };
          this.frames.push(F.Heading);
        } else this.openBlock(F.Block);
        return;
      case C.pre:
        this.flush();
        this.pre = [];
        this.frames.push(F.Pre);
        return;
      case C.list:
        this.flush();
        this.lists.push(openList(name, attribs));
        this.frames.push(F.List);
        return;
      case C.table:
        this.flush();
        this.tables.push(openTable());
        this.frames.push(F.Table);
        return;
      case C.quote:
        this.flush();
        this.quote++;
        this.frames.push(F.Quote);
        return;
    }
    const list = this.lists.at(-1);
    if (cat === C.item && list) {
      this.flush();
      this.child = {
        builder: new BlockBuilder(this.keepLinks, false),
        kind: "item",
        marker: nextMarker(list, name, attribs),
        header: false,
        depth: 0,
      };
      this.frames.push(F.Block);
      return;
    }
    const table = this.tables.at(-1);
    if (table) {
      if (cat === C.cell || cat === C.caption) {
        this.flush();
        const kind = cat === C.caption ? "caption" : "cell";
        this.child = {
          builder: new BlockBuilder(this.keepLinks, false),
          kind,
          marker: "",
          header: name === "th" || table.inHead,
          depth: 0,
        };
        this.frames.push(F.Block);
        return;
      }
      if (cat === C.row) {
        endRow(table);
        this.frames.push(F.Row);
        return;
      }
      if (cat === C.tableSection) {
        table.inHead = name === "thead";
        this.frames.push(F.Section);
        return;
      }
    }
    if (cat === C.row || cat === C.tableSection) {
      this.frames.push(F.Inline); // table parts outside any table: ignored
      return;
    }
    this.flush();
    const cls = attribs.class;
    const callout =
      cls !== undefined &&
      (name === "div" || name === "aside" || name === "section") &&
      CALLOUT_CLASS.test(cls);
    this.openBlock(callout ? F.Callout : F.Block);
  }

  private openBlock(kind: F): void {
    this.blockDepth++;
    if (kind === F.Callout) this.callouts.push(true);
    this.frames.push(kind);
  }

  close(name: string): void {
    const child = this.child;
    if (child) {
      if (child.depth > 0) {
        child.depth--;
        child.builder.close(name);
        return;
      }
      this.child = undefined;
      this.frames.pop();
      this.finishChild(child);
      return;
    }
    if (this.skip > 0) {
      this.skip--;
      return;
    }
    const f = this.frames.pop();
    switch (f) {
      case F.Heading:
        this.finishHeading();
        return;
      case F.Pre:
        this.finishPre();
        return;
      case F.Quote:
        this.flush();
        this.quote--;
        return;
      case F.List:
        this.finishList();
        return;
      case F.Table:
        this.finishTableFrame();
        return;
      case F.Row:
        endRow(this.tables[this.tables.length - 1]!);
        return;
      case F.Section:
        this.tables[this.tables.length - 1]!.inHead = false;
        return;
      case F.Callout:
        this.flush();
        this.blockDepth--;
        this.callouts.pop();
        return;
      case F.Block:
        this.flush();
        this.blockDepth--;
        return;
      case F.Link:
        this.finishLink();
        return;
      case F.Bold:
        this.bold--;
        return;
      default:
        return;
    }
  }

  text(data: string): void {
    if (this.child) {
      this.child.builder.text(data);
      return;
    }
    if (this.skip > 0) return;
    if (this.pre) {
      this.pre.push(data);
      return;
    }
    if (this.heading) {
      this.heading.buf.push(data);
      return;
    }
    let t = data;
    if (this.topLevel && this.blockDepth === 0 && this.lists.length === 0 && this.tables.length === 0) {
      t = markBlankLines(t);
      if (t !== data) this.bufFlags |= HAS_BREAKS;
    }
    if (t.indexOf("{") >= 0) this.bufFlags |= HAS_BRACES;
    // whitespace is collapsed once per paragraph (flush); here only: is there any text at all?
    if (this.buf.length === 0 || (this.bold === 0 && !this.nonBold) || this.pendingId !== undefined) {
      if (!hasVisible(t)) {
        if (this.buf.length > 0) this.buf.push(t);
        return;
      }
      if (this.bold === 0) this.nonBold = true;
      this.pendingId = undefined;
    }
    this.buf.push(t);
  }

  /** Ends the document: whatever is still open is closed in order. */
  finish(): Block[] {
    while (this.child || this.frames.length > 0) this.close("");
    this.flush();
    return this.blocks;
  }

  private emit(block: ContentBlock | Block): void {
    if (this.callouts.length > 0 && this.callouts[this.callouts.length - 1]) {
      // a callout's first block is its label ("TIP", "BACK TO BASICS ..."): it belongs with what follows
      this.callouts[this.callouts.length - 1] = false;
      if (block.kind === "text" && block.text.length <= 200) block.glue = true;
    }
    this.blocks.push(block);
  }

  private flush(): void {
    if (this.link) this.finishLink();
    if (this.buf.length === 0) return;
    const raw = this.buf.join("");
    const flags = this.bufFlags;
    this.buf = [];
    this.bufFlags = 0;
    const allBold = !this.nonBold;
    this.nonBold = false;
    const paragraphs = paragraphsOf(raw, flags);
    if (paragraphs.length === 0) return;
    const links = this.links;
    this.links = [];
    const list = this.lists.at(-1);
    const table = this.tables.at(-1);
    for (const text of paragraphs) {
      if (list)
        list.items.push(text); // text loose in a list (no li): an unmarked item
      else if (table) addCell(table, { blocks: [{ kind: "text", text }], header: false });
      else {
        const block: ContentBlock = { kind: this.quote > 0 ? "quote" : "text", text };
        if (links.length > 0) block.links = links;
        if (allBold && text.length <= 150 && paragraphs.length === 1) block.glue = true;
        this.emit(block);
      }
    }
  }

  private finishLink(): void {
    const link = this.link;
    if (!link) return;
    this.link = undefined;
    const text = collapse(this.buf.slice(link.from).join("")).trim();
    if (text !== "" && !/^\s*javascript:/i.test(link.href)) this.links.push({ href: link.href.trim(), text });
  }

  private finishHeading(): void {
    const h = this.heading!;
    this.heading = undefined;
    const text = paragraphsOf(h.buf.join("")).join(" ");
    const anchor = h.own ?? h.inner ?? h.before;
    if (text === "") {
      if (anchor) this.pendingId = anchor;
      return;
    }
    this.pendingId = undefined;
    const block: Block = { kind: "heading", level: h.level, text };
    if (anchor) block.anchor = anchor;
    this.emit(block);
  }

  private finishPre(): void {
    const raw = this.pre!.join("");
    this.pre = undefined;
    const text = raw
      .replace(/^\r?\n/, "")
      .replace(/[ \t\r\u00a0]+$/gm, "")
      .replace(/^\n+|\s+$/g, "");
    if (text === "") return;
    this.pendingId = undefined;
    const block: ContentBlock = { kind: "code", text };
    const links = this.links;
    this.links = [];
    if (links.length > 0) block.links = links;
    this.emit(block);
  }

  private finishList(): void {
    this.flush();
    const list = this.lists.pop()!;
    if (list.items.length === 0) return;
    const block: ContentBlock = { kind: "list", items: list.items };
    const outer = this.lists.at(-1);
    if (outer) {
      outer.items.push(nestedListItem(block));
      outer.links.push(...list.links);
      return;
    }
    if (list.links.length > 0) block.links = list.links;
    this.emit(block);
  }

  private finishTableFrame(): void {
    this.flush();
    const table = this.tables.pop()!;
    for (const b of finishTable(table)) this.emit(b);
  }

  private finishChild(child: Child): void {
    const blocks = child.builder.finish();
    if (child.kind === "item") {
      const list = this.lists[this.lists.length - 1]!;
      const text = itemText(blocks, child.marker);
      if (text.trim() !== "") list.items.push(text);
      if (this.keepLinks)
        for (const b of blocks) if (b.kind !== "heading" && b.links) list.links.push(...b.links);
      return;
    }
    const table = this.tables[this.tables.length - 1]!;
    if (child.kind === "caption") {
      const text = blocks
        .map((b) => (b.kind === "list" ? b.items.join(" ") : b.kind === "table" ? b.rows.join(" ") : b.text))
        .join(" ");
      table.caption = text.trim() || undefined;
      return;
    }
    addCell(table, { blocks, header: child.header });
  }
}
