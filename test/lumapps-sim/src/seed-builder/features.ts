import { unitFrom } from "../ids.ts";

/** Which items get the special cases real intranets have. Disjoint, deterministic, never empty. */
export interface FeaturePlan {
  /** feedKeys [HR]: the service user cannot see them */
  hidden: Set<string>;
  /** feedKeys [IT]: visible to the service user, but not to everyone */
  itOnly: Set<string>;
  /** feedKeys [All staff, Board] */
  staffAndBoard: Set<string>;
  drafts: Set<string>;
  archived: Set<string>;
  /** a draft revision newer than the live content (lastRevision) */
  draftRevision: Set<string>;
  /** news whose endDate has passed */
  pastEnd: Set<string>;
  /** news whose publicationDate is in the future */
  futurePublication: Set<string>;
  /** pages with one html widget restricted to HR */
  restrictedWidget: Set<string>;
  /** items without canonicalUrl (links fall back to `url`) */
  noCanonical: Set<string>;
}

export function planFeatures(pages: string[], news: string[]): FeaturePlan {
  const taken = new Set<string>();
  const pick = (name: string, from: string[], share: number, min: number, exclusive = true): Set<string> => {
    const count = Math.max(min, Math.round(from.length * share));
    const ranked = [...from].sort((a, b) => unitFrom(`${name}:${a}`) - unitFrom(`${name}:${b}`));
    const out = new Set<string>();
    for (const id of ranked) {
      if (out.size >= count) break;
      if (exclusive && taken.has(id)) continue;
      out.add(id);
      if (exclusive) taken.add(id);
    }
    return out;
  };
  const all = [...pages, ...news];
  return {
    // news first: the date cases must land on news
    pastEnd: pick("past-end", news, 0.01, 1),
    futurePublication: pick("future-publication", news, 0.005, 1),
    hidden: new Set([...pick("hidden-page", pages, 0.03, 1), ...pick("hidden-news", news, 0.02, 1)]),
    itOnly: new Set([...pick("it-page", pages, 0.04, 1), ...pick("it-news", news, 0.02, 1)]),
    staffAndBoard: pick("staff-board", all, 0.02, 1),
    drafts: new Set([...pick("draft-page", pages, 0, 1), ...pick("draft-news", news, 0, 1)]),
    archived: new Set([...pick("archived-page", pages, 0, 1), ...pick("archived-news", news, 0, 1)]),
    draftRevision: pick("draft-revision", all, 0.005, 2),
    restrictedWidget: pick("restricted-widget", pages, 0.05, 2),
    noCanonical: pick("no-canonical", all, 0.1, 1, false),
  };
}
