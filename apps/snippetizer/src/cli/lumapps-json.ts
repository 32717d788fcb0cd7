import {
  type ContentUpserted,
  ContentUpsertedSchema,
  contentAudience,
  contentKey,
  LumAppsContentSchema,
  langMapToBcp47,
  type NormalizedContent,
  type Tag,
  tagId,
  toBcp47,
} from "@lumasnip/schema";

/**
 * Content events from JSON: a `content.upserted` event, a LumApps content object (as
 * `content/get` returns it), a `content/list` answer (`items`), or an array of any of these.
 * A raw LumApps content is normalized the way the fetcher does it, minus what needs the API
 * (metadata labels, content type names): enough to see how a page snippetizes.
 */
export function eventsFromJson(
  text: string,
  sourceId: string,
): { events: Pick<ContentUpserted, "key" | "content">[]; skipped: string[] } {
  const events: Pick<ContentUpserted, "key" | "content">[] = [];
  const skipped: string[] = [];
  const visit = (value: unknown, at: string) => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) visit(v, `${at}[${i}]`);
      return;
    }
    if (!value || typeof value !== "object") {
      skipped.push(`${at}: not an object`);
      return;
    }
    const o = value as Record<string, unknown>;
    if (o.kind === "content.upserted") {
      const parsed = ContentUpsertedSchema.safeParse(o);
      if (parsed.success) events.push(parsed.data);
      else
        skipped.push(
          `${at}: a content.upserted event that does not match the contract: ${parsed.error.issues[0]?.message}`,
        );
    } else if (typeof o.kind === "string") skipped.push(`${at}: a ${o.kind} event has no text`);
    else if (Array.isArray(o.items)) visit(o.items, `${at}.items`);
    else if ("id" in o || "uid" in o) {
      const parsed = LumAppsContentSchema.safeParse(o);
      if (parsed.success) events.push(normalize(parsed.data, sourceId));
      else
        skipped.push(
          `${at}: not a LumApps content: ${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`,
        );
    } else skipped.push(`${at}: neither a content event nor a LumApps content`);
  };
  visit(JSON.parse(text), "$");
  return { events, skipped };
}

type Raw = ReturnType<typeof LumAppsContentSchema.parse>;

function normalize(c: Raw, sourceId: string): Pick<ContentUpserted, "key" | "content"> {
  const map = (v: unknown) => langMapToBcp47(typeof v === "string" ? { en: v } : v);
  const title = map(c.title);
  const url = map(c.canonicalUrl);
  const languages = new Set([...Object.keys(title), ...templateLanguages(c.template)]);
  const person = c.writerDetails ?? c.authorDetails;
  const name = person?.fullName ?? [person?.firstName, person?.lastName].filter(Boolean).join(" ");
  const type = c.type ?? "page";
  const tags: Tag[] = [{ id: tagId.type(type), labels: {} }];
  if (c.instance) tags.push({ id: tagId.site(c.instance), labels: {} });
  if (c.customContentType) tags.push({ id: tagId.contentType(c.customContentType), labels: {} });
  for (const m of c.metadata ?? []) tags.push({ id: tagId.metadata(m), labels: {} });
  const content: NormalizedContent = {
    id: String(c.id),
    type,
    ...(c.customContentType ? { customContentTypeId: c.customContentType } : {}),
    site: { id: c.instance ?? "unknown" },
    status: c.status ?? "LIVE",
    languages: [...languages],
    title,
    excerpt: map(c.excerpt),
    slug: map(c.slug),
    url,
    ...(name ? { author: { displayName: name } } : {}),
    updatedAt: iso(c.updatedAt) ?? "1970-01-01T00:00:00Z",
    ...(iso(c.publicationDate) ? { publicationDate: iso(c.publicationDate)! } : {}),
    ...(iso(c.endDate) ? { endDate: iso(c.endDate)! } : {}),
    version: typeof c.version === "number" ? c.version : 0,
    audience: contentAudience(c.feedKeys, "everyone"),
    tags,
    template: c.template,
  };
  return { key: contentKey(sourceId, String(c.id)), content };
}

/** v1 timestamps carry no zone and are UTC (API.md §5). */
function iso(v: string | null | undefined): string | undefined {
  if (!v) return undefined;
  const withZone = /(Z|[+-]\d\d:?\d\d)$/.test(v) ? v : `${v}Z`;
  const d = new Date(withZone);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Languages the template has text in (the keys of its `content` maps). */
function templateLanguages(template: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown, depth: number) => {
    if (depth > 100 || !v || typeof v !== "object") return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1);
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      if (k === "content" && x && typeof x === "object" && !Array.isArray(x)) {
        for (const [code, text] of Object.entries(x)) {
          const lang = toBcp47(code);
          if (lang && typeof text === "string" && text.trim() !== "") out.add(lang);
        }
      } else walk(x, depth + 1);
    }
  };
  walk(template, 0);
  return [...out];
}
