import { type IndexEntry, kvKeys, type Manifest, urlHash } from "@lumasnip/schema";

/** Every index entry a manifest puts in KV: one per tag, one for its site, one per distinct URL. */
export async function indexEntriesOf(
  m: Manifest | Omit<Manifest, "version" | "committedAt">,
): Promise<Map<string, IndexEntry>> {
  const entry: IndexEntry = {
    key: m.key,
    audience: m.audience,
    title: m.title,
    url: m.url,
    updatedAt: m.updatedAt,
    ...(m.publishedAt ? { publishedAt: m.publishedAt } : {}),
    ...(m.endDate ? { endDate: m.endDate } : {}),
  };
  const out = new Map<string, IndexEntry>();
  for (const tag of m.tags) out.set(kvKeys.tagEntry(tag.id, m.key), entry);
  out.set(kvKeys.siteEntry(m.sourceId, m.site.id, m.key), entry);
  for (const url of new Set(Object.values(m.url))) {
    const h = await urlHash(url);
    if (h) out.set(kvKeys.urlEntry(h, m.key), entry);
  }
  return out;
}

/** Writes only what changed: new or different entries, and deletes of entries the new manifest dropped. */
export function diffEntries(
  before: Map<string, IndexEntry> | undefined,
  after: Map<string, IndexEntry>,
): { puts: [string, IndexEntry][]; deletes: string[] } {
  const puts: [string, IndexEntry][] = [];
  for (const [k, v] of after) {
    const old = before?.get(k);
    if (!old || JSON.stringify(old) !== JSON.stringify(v)) puts.push([k, v]);
  }
  const deletes = before ? [...before.keys()].filter((k) => !after.has(k)) : [];
  return { puts, deletes };
}
