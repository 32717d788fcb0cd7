import type { LumAppsClient } from "@lumasnip/lumapps";
import { collectItems } from "@lumasnip/lumapps";
import { langMapToBcp47, toBcp47 } from "@lumasnip/schema";
import type { SourceConfig } from "../config/load.ts";
import type { SiteInfo } from "../normalize/normalize-content.ts";

const SITE_ID = /^[A-Za-z0-9_.-]{1,128}$/;

/** What one listing covers: a site, a type and the action it is listed with (API.md §4). */
export interface Scope {
  /** `<siteId>/<type>/<action>[/<customContentType>]`: the state and metrics key */
  id: string;
  siteId: string;
  type: string;
  action: string;
  customContentType?: string | undefined;
}

export function scopeId(s: Omit<Scope, "id">): string {
  return [s.siteId, s.type, s.action, ...(s.customContentType ? [s.customContentType] : [])].join("/");
}

/** Every (site, content type) pair of the source. */
export function scopesOf(config: Pick<SourceConfig, "contentTypes">, siteIds: readonly string[]): Scope[] {
  return siteIds.flatMap((siteId) =>
    config.contentTypes.map((t) => {
      const base = { siteId, type: t.type, action: t.action, customContentType: t.customContentType };
      return { id: scopeId(base), ...base };
    }),
  );
}

/**
 * The source's sites: every site the service user can list (`"all"`), or the configured ones
 * with their names when listed. A configured site missing from the listing keeps a bare entry
 * (the user may still read its content) and is reported.
 */
export async function discoverSites(
  client: LumAppsClient,
  config: Pick<SourceConfig, "sites">,
): Promise<{ sites: Map<string, SiteInfo>; unlisted: string[] }> {
  const listed = await collectItems(client.listSites());
  const all = new Map<string, SiteInfo>();
  for (const s of listed) {
    // a site id becomes a tag and a KV key: one outside the contract's characters is skipped
    if (!SITE_ID.test(s.id)) continue;
    const name = typeof s.title === "object" && s.title ? langMapToBcp47(s.title) : {};
    if (Object.keys(name).length === 0 && s.name) {
      const lang = (s.defaultLang && toBcp47(s.defaultLang)) || "en";
      name[lang] = s.name;
    }
    all.set(s.id, {
      id: s.id,
      slug: s.slug ?? undefined,
      name,
      defaultLang: (s.defaultLang && toBcp47(s.defaultLang)) || undefined,
    });
  }
  if (config.sites === "all") return { sites: all, unlisted: [] };
  const sites = new Map<string, SiteInfo>();
  const unlisted: string[] = [];
  for (const id of config.sites) {
    const info = all.get(id);
    if (!info) unlisted.push(id);
    sites.set(id, info ?? { id, name: {} });
  }
  return { sites, unlisted };
}
