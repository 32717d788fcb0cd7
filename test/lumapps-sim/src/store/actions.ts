import type { SimContent, SimUser } from "../types.ts";

/** The `action` values the discovery document allows on content/list and content/get. */
export const actions: ReadonlySet<string> = new Set([
  "PAGE_READ",
  "PAGE_EDIT",
  "PAGE_DELETE",
  "NEWS_READ",
  "NEWS_EDIT",
  "NEWS_DELETE",
  "PAGE_ARCHIVE",
  "PAGE_PUBLISH",
  "NEWS_PUBLISH",
  "METADATA_EDIT",
  "METADATA_DELETE",
  "ROLE_READ",
  "ROLE_EDIT",
  "ROLE_DELETE",
  "NEWS_LIST_READ",
  "NEWS_LIST_EDIT",
  "NEWS_LIST_DELETE",
  "DIRECTORY_READ",
  "DIRECTORY_EDIT",
  "DIRECTORY_DELETE",
  "MENU_READ",
  "MENU_EDIT",
  "MENU_DELETE",
  "TEMPLATE_READ",
  "TEMPLATE_EDIT",
  "TEMPLATE_DELETE",
  "INSTANCE_EDIT",
  "INSTANCE_DELETE",
  "FEED_EDIT",
  "FEED_DELETE",
  "MEDIA_EDIT",
  "MEDIA_DELETE",
  "USER_READ",
  "USER_EDIT",
  "USER_DELETE",
  "RESELLER_READ",
  "RESELLER_EDIT",
  "POST_EDIT",
  "GROUP_EDIT",
  "DIRECTORY_ENTRY_FAVORITES_EDIT",
  "NEWSLETTER_READ",
  "NEWSLETTER_EDIT",
  "NEWSLETTER_DELETE",
  "CUSTOM_CONTENT_TYPE_EDIT",
  "CUSTOM_CONTENT_TYPE_DELETE",
  "CUSTOM_CONTENT_READ",
  "CUSTOM_CONTENT_PUBLISH",
  "CUSTOM_CONTENT_EDIT",
  "CUSTOM_CONTENT_DELETE",
  "CUSTOM_LIST_READ",
  "CUSTOM_LIST_EDIT",
  "CUSTOM_LIST_DELETE",
  "CUSTOM_LIST_PUBLISH",
  "COMMUNITY_READ",
  "COMMUNITY_EDIT",
  "COMMUNITY_DELETE",
  "USER_DIRECTORY_READ",
  "USER_DIRECTORY_EDIT",
  "USER_DIRECTORY_DELETE",
  "CUSTOM_READ",
  "CUSTOM_EDIT",
  "CUSTOM_DELETE",
  "TUTORIAL_READ",
  "TUTORIAL_EDIT",
  "TUTORIAL_DELETE",
  "POST_READ",
  "POST_DELETE",
  "CUSTOM_CONTENT_ARCHIVE",
  "MENU_DROP",
  "STYLE_READ",
  "STYLE_EDIT",
  "STYLE_DELETE",
  "GLOBAL_WIDGET_EDIT",
  "TARGET_EDIT",
  "DIRECTORY_ENTRY_READ",
  "DIRECTORY_ENTRY_EDIT",
  "DIRECTORY_ENTRY_DELETE",
  "COMMUNITY_PUBLISH",
  "ANALYTICS_READ",
  "GAMIFICATION_ADMIN",
]);

/**
 * The content types an action lists (a GUESS, see README): PAGE_* pages, NEWS_* news, and so on;
 * actions about other objects (menus, roles, ...) list no content.
 */
export function typesForAction(action: string): string[] {
  const prefixes: [string, string][] = [
    ["NEWS_LIST_", "news_list"],
    ["NEWS_", "news"],
    ["PAGE_", "page"],
    ["CUSTOM_LIST_", "custom_list"],
    ["CUSTOM_CONTENT_TYPE_", ""],
    ["CUSTOM_CONTENT_", "custom"],
    ["CUSTOM_", "custom"],
    ["USER_DIRECTORY_", "user_directory"],
  ];
  const hit = prefixes.find(([prefix]) => action.startsWith(prefix));
  return hit?.[1] ? [hit[1]] : [];
}

/** A reader holds only the *_READ rights; an administrator holds them all. */
export function userHoldsAction(user: SimUser, action: string | undefined): boolean {
  if (user.admin) return true;
  return action?.endsWith("_READ") ?? false;
}

/** Empty feedKeys: visible to every user of the site (the UNSURE meaning API.md leans to). */
export function audienceAllows(feedKeys: unknown, user: SimUser): boolean {
  if (user.admin) return true;
  if (!Array.isArray(feedKeys) || feedKeys.length === 0) return true;
  return feedKeys.some((key) => user.groups.includes(String(key)));
}

/** What a user may read of a content: readers see LIVE content of their audience only. */
export function canRead(user: SimUser, content: SimContent): boolean {
  if (user.admin) return true;
  return content.status === "LIVE" && audienceAllows(content.feedKeys, user);
}
