import type { LumAppsListEnvelopeSchema, ShapeParser } from "@lumasnip/schema";
import type { z } from "zod";
import { BrokenListingError } from "./errors.ts";

/** An item of a page that did not match its schema; kept so a reconcile still counts it as present. */
export interface InvalidItem {
  index: number;
  id: string | undefined;
  issues: string[];
}

export interface Page<T> {
  /** 0-based position in this listing */
  index: number;
  items: T[];
  invalid: InvalidItem[];
  /** the cursor that fetches the page after this one (save it to resume); undefined on the last page */
  nextCursor: string | undefined;
  /** `errors` LumApps reported beside the items, if any */
  errors: unknown[];
}

export type Envelope = z.infer<typeof LumAppsListEnvelopeSchema>;

/**
 * Pages of a v1 listing, following API.md's rule: go on while `more` is true AND a new cursor
 * came back. Empty pages are normal (rights are filtered after the query). `more` without a
 * cursor, or a cursor already seen, throws `BrokenListingError` after yielding that page's items.
 */
export async function* paginate<T>(
  route: string,
  fetchPage: (cursor: string | undefined) => Promise<Envelope>,
  item: ShapeParser<T>,
  startCursor?: string,
): AsyncGenerator<Page<T>> {
  const seen = new Set<string>();
  let cursor = startCursor;
  if (cursor) seen.add(cursor);
  for (let index = 0; ; index++) {
    const envelope = await fetchPage(cursor);
    const more = envelope.more === true;
    const next = envelope.cursor || undefined;
    yield {
      index,
      ...parseItems(envelope.items ?? [], item),
      nextCursor: more ? next : undefined,
      errors: envelope.errors ?? [],
    };
    if (!more) return;
    if (!next || seen.has(next)) {
      throw new BrokenListingError(
        `the ${route} listing broke its paging: page ${index} said more=true ${next ? "but repeated a cursor" : "without a cursor"}`,
        {
          route,
          retryable: true,
          callId: envelope.callId ?? undefined,
          context: { page: index, cursor: next },
        },
      );
    }
    seen.add(next);
    cursor = next;
  }
}

function parseItems<T>(raw: unknown[], schema: ShapeParser<T>): { items: T[]; invalid: InvalidItem[] } {
  const items: T[] = [];
  const invalid: InvalidItem[] = [];
  raw.forEach((value, index) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) items.push(parsed.data);
    else {
      const id = (value as { id?: unknown } | null)?.id;
      invalid.push({
        index,
        id: typeof id === "string" || typeof id === "number" ? String(id) : undefined,
        issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`),
      });
    }
  });
  return { items, invalid };
}

/** All items of all pages (for small listings: sites, content types). */
export async function collectItems<T>(pages: AsyncIterable<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page.items);
  return all;
}
