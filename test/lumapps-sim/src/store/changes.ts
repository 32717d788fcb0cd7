import { z } from "zod";
import type { LangMap, SimContent, SimMetadata } from "../types.ts";
import { parseV1, v1FromDate } from "./clock.ts";
import { createContent } from "./create-content.ts";
import type { Store } from "./store.ts";
import { escapeHtml, findWidget } from "./template-edit.ts";

const id = z.string().min(1);
const langMap = z.record(z.string(), z.string());
const feedKeys = z.array(z.string());
const date = z.union([z.string(), z.null()]);

/** Every change the simulator can make, as tests and the HTTP control API send them. */
export const changeSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("create"),
    type: z.string().optional(),
    instance: z.string().optional(),
    title: langMap.optional(),
    html: langMap.optional(),
    feedKeys: feedKeys.optional(),
    status: z.string().optional(),
  }),
  z.strictObject({
    kind: z.literal("edit"),
    id,
    /** the language edited; default: every language of the widget */
    lang: z.string().optional(),
    /** appended as a new paragraph to the widget (default) */
    paragraph: z.string().optional(),
    /** replaces the widget's HTML */
    html: z.string().optional(),
    title: langMap.optional(),
    widgetUuid: z.string().optional(),
  }),
  z.strictObject({ kind: z.literal("archive"), id }),
  z.strictObject({ kind: z.literal("restore"), id }),
  z.strictObject({ kind: z.literal("delete"), id }),
  z.strictObject({ kind: z.literal("audience"), id, feedKeys, bumpUpdatedAt: z.boolean().default(true) }),
  z.strictObject({
    kind: z.literal("widget-audience"),
    id,
    /** default: the first html widget */
    widgetUuid: z.string().optional(),
    feedKeys,
    bumpUpdatedAt: z.boolean().default(false),
  }),
  z.strictObject({ kind: z.literal("rename-metadata"), id, name: langMap }),
  z.strictObject({ kind: z.literal("draft"), id, title: langMap.optional() }),
  z.strictObject({
    kind: z.literal("dates"),
    id,
    endDate: date.optional(),
    publicationDate: date.optional(),
    bumpUpdatedAt: z.boolean().default(true),
  }),
]);
export type Change = z.input<typeof changeSchema>;
export type ChangeKind = Change["kind"];

export interface ChangeResult {
  kind: ChangeKind;
  id: string;
  at: string;
  content?: SimContent;
  metadata?: SimMetadata;
}

export class ChangeError extends Error {
  override name = "ChangeError";
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export function applyChange(store: Store, input: Change): ChangeResult {
  const change = changeSchema.parse(input);
  const at = store.clock.stamp();
  store.revision++;
  if (change.kind === "create") {
    const content = createContent(store, change, at);
    store.contents.set(content.id, content);
    return { kind: change.kind, id: content.id, at, content };
  }
  if (change.kind === "rename-metadata") {
    const meta = store.metadata.get(change.id);
    if (!meta) throw new ChangeError(404, `no metadata ${change.id}`);
    const renamed: SimMetadata = { ...meta, name: { ...meta.name, ...change.name }, updatedAt: at };
    store.metadata.set(meta.id, renamed);
    return { kind: change.kind, id: meta.id, at, metadata: renamed };
  }
  const current = store.contents.get(change.id);
  if (!current) throw new ChangeError(404, `no content ${change.id}`);
  if (change.kind === "delete") {
    store.contents.delete(current.id);
    return { kind: change.kind, id: current.id, at };
  }
  // copy on write: scaled copies share their template with the original
  const next: SimContent = { ...current };
  const bump = () => {
    next.updatedAt = at;
    next.version = current.version + 1;
    next.lastRevision = { status: next.status, updatedAt: at, version: next.version, title: next.title };
  };
  switch (change.kind) {
    case "edit": {
      next.template = structuredClone(current.template);
      if (change.title) next.title = { ...current.title, ...change.title };
      if (change.paragraph !== undefined || change.html !== undefined || !change.title) {
        editWidget(next, change, at);
      }
      bump();
      break;
    }
    case "archive":
      next.status = "ARCHIVE";
      bump();
      break;
    case "restore":
      next.status = "LIVE";
      bump();
      break;
    case "audience":
      next.feedKeys = [...change.feedKeys];
      if (change.bumpUpdatedAt) bump();
      break;
    case "widget-audience": {
      next.template = structuredClone(current.template);
      const widget = findWidget(next.template, change.widgetUuid);
      if (!widget) throw new ChangeError(404, `content ${current.id} has no such widget`);
      widget.feedKeys = [...change.feedKeys];
      if (change.bumpUpdatedAt) bump();
      break;
    }
    case "draft":
      next.lastRevision = {
        status: "DRAFT",
        updatedAt: at,
        version: current.version + 1,
        title: change.title ?? current.title,
      };
      break;
    case "dates":
      setDate(next, "endDate", change.endDate);
      setDate(next, "publicationDate", change.publicationDate);
      if (change.bumpUpdatedAt) bump();
      break;
  }
  store.contents.set(next.id, next);
  return { kind: change.kind, id: next.id, at, content: next };
}

function editWidget(
  content: SimContent,
  change: { lang?: string; paragraph?: string; html?: string; widgetUuid?: string; id: string },
  at: string,
) {
  const widget = findWidget(content.template, change.widgetUuid);
  if (!widget) throw new ChangeError(404, `content ${content.id} has no html widget to edit`);
  widget.properties ??= {};
  const props = widget.properties;
  const html = { ...((props.content as LangMap | undefined) ?? {}) };
  const langs = change.lang ? [change.lang] : Object.keys(html).length ? Object.keys(html) : ["en"];
  const paragraph = change.paragraph ?? `Edited by the simulator at ${at}.`;
  for (const lang of langs) {
    html[lang] = change.html ?? `${html[lang] ?? ""}<p>${escapeHtml(paragraph)}</p>`;
  }
  props.content = html;
}

function setDate(
  content: SimContent,
  field: "endDate" | "publicationDate",
  value: string | null | undefined,
) {
  if (value === undefined) return;
  if (value === null) {
    delete content[field];
    return;
  }
  const ms = parseV1(value);
  if (Number.isNaN(ms)) throw new ChangeError(400, `${field} is not a date: ${value}`);
  content[field] = v1FromDate(ms);
}
