/** A person as LumApps describes them; only names are read. */
interface Person {
  fullName?: string | null | undefined;
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
}

const looksLikeEmail = (s: string) => /@/.test(s);

function nameOf(person: Person | null | undefined): string | undefined {
  if (!person) return undefined;
  const full = person.fullName?.trim();
  const joined = [person.firstName?.trim(), person.lastName?.trim()].filter(Boolean).join(" ");
  const name = full || joined;
  // a "name" that is an address is an email all the same: never carried downstream
  return name && !looksLikeEmail(name) ? name : undefined;
}

/**
 * The displayed author: `writerDetails` (the author shown on the page, when set), then
 * `authorDetails`. Display names only — never `author` (an email) nor any email field.
 */
export function authorDisplayName(content: {
  writerDetails?: Person | null;
  authorDetails?: Person | null;
}): string | undefined {
  return nameOf(content.writerDetails) ?? nameOf(content.authorDetails);
}
