import { groups } from "../groups.ts";
import { digitsId } from "../ids.ts";
import { v1FromDate } from "../store/clock.ts";
import type { SimContent } from "../types.ts";
import type { FeaturePlan } from "./features.ts";

/** The platform address the seed's canonical URLs live under. */
export const platformAddress = "https://sites.lumapps.com";
const DAY = 86_400_000;

/** An author placeholder: fake email, display name, id (the corpus' names are placeholders too). */
export function people(local: string, firstName: string, lastName: string) {
  const email = `${local}@sim.example.com`;
  const details = {
    email,
    firstName,
    lastName,
    fullName: `${firstName} ${lastName}`,
    id: digitsId(`user:${email}`),
  };
  return {
    author: email,
    authorId: details.id,
    authorDetails: details,
    updatedBy: email,
    updatedById: details.id,
  };
}

export const truncate = (text: string, max: number) =>
  text.length <= max
    ? text
    : `${text.slice(0, text.lastIndexOf(" ", max) > max / 2 ? text.lastIndexOf(" ", max) : max)}…`;

/** Applies the plan's special cases to one built content. */
export function finish(content: SimContent, plan: FeaturePlan): SimContent {
  const { id } = content;
  if (plan.hidden.has(id)) content.feedKeys = [groups.hr];
  if (plan.itOnly.has(id)) content.feedKeys = [groups.it];
  if (plan.staffAndBoard.has(id)) content.feedKeys = [groups.allStaff, groups.board];
  if (plan.drafts.has(id)) content.status = "DRAFT";
  if (plan.archived.has(id)) content.status = "ARCHIVE";
  if (plan.pastEnd.has(id)) content.endDate = "2025-06-30T00:00:00.000000";
  if (plan.futurePublication.has(id)) content.publicationDate = "2031-01-05T08:00:00.000000";
  if (plan.noCanonical.has(id)) delete content.canonicalUrl;
  content.lastRevision = plan.draftRevision.has(id)
    ? {
        status: "DRAFT",
        updatedAt: v1FromDate(Date.parse(`${content.updatedAt.slice(0, 23)}Z`) + 2 * DAY),
        version: content.version + 1,
        title: Object.fromEntries(Object.entries(content.title).map(([l, t]) => [l, `${t} (draft)`])),
      }
    : {
        status: content.status,
        updatedAt: content.updatedAt,
        version: content.version,
        title: content.title,
      };
  return content;
}
