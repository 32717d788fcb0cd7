import { createHash } from "node:crypto";
import { SCHEMA_VERSION, type Snippet, type SnippetSet, snippetId } from "@lumasnip/schema";

export interface Section {
  heading: string;
  paragraphs: string[];
}

export interface SetSpec {
  sourceId?: string;
  contentId: string;
  sourceVersion?: number;
  updatedAt?: string;
  audience?: string[];
  /** sections per language, in reading order */
  languages: Record<string, Section[]>;
  /** narrower audiences of some paragraphs, by their text */
  narrower?: Record<string, string[]>;
  tags?: string[];
  siteId?: string;
}

/** A snippet set shaped like the snippetizer's: one snippet per paragraph, ids from the real id function. */
export async function buildSet(spec: SetSpec): Promise<SnippetSet> {
  const sourceId = spec.sourceId ?? "acme";
  const key = `${sourceId}:${spec.contentId}`;
  const audience = spec.audience ?? ["*"];
  const updatedAt = spec.updatedAt ?? "2026-11-20T10:00:00.000Z";
  const title: Record<string, string> = {};
  const url: Record<string, string> = {};
  const languages: SnippetSet["languages"] = [];
  for (const [lang, sections] of Object.entries(spec.languages)) {
    title[lang] = `Content ${spec.contentId}`;
    url[lang] = `https://intranet.example.com/${lang}/${spec.contentId}`;
    const snippets: Snippet[] = [];
    for (const section of sections) {
      const seen = new Map<string, number>();
      for (const text of section.paragraphs) {
        const occurrence = seen.get(text) ?? 0;
        seen.set(text, occurrence + 1);
        const id = await snippetId({
          sourceId,
          contentId: spec.contentId,
          lang,
          headingPath: [section.heading],
          text,
          occurrence,
        });
        snippets.push({
          id,
          key,
          lang,
          ordinal: snippets.length,
          prevId: null,
          nextId: null,
          text,
          title: title[lang] as string,
          headingPath: [section.heading],
          url: url[lang] as string,
          kind: "text",
          tokens: text.split(/\s+/).length,
          tags: spec.tags ?? [],
          audience: spec.narrower?.[text] ?? audience,
          updatedAt,
        });
      }
    }
    snippets.forEach((s, i) => {
      s.prevId = snippets[i - 1]?.id ?? null;
      s.nextId = snippets[i + 1]?.id ?? null;
    });
    languages.push({ lang, snippets });
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    sourceId,
    producedAt: new Date().toISOString(),
    kind: "snippets.upserted",
    key,
    contentId: spec.contentId,
    sourceVersion: spec.sourceVersion ?? 1,
    sourceUpdatedAt: updatedAt,
    contentHash: createHash("sha256").update(JSON.stringify(spec)).digest("base64url"),
    type: "page",
    site: { id: spec.siteId ?? "site1" },
    title,
    url,
    tags: (spec.tags ?? []).map((id) => ({ id, labels: { en: id } })),
    audience,
    languages,
  };
}
