import { kvKeys, type Manifest, pickLang, type Snippet } from "@lumasnip/schema";
import { type Context, Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { NOT_FOUND } from "../errors.ts";
import { acceptedLanguages } from "../http/accept-language.ts";
import { optionalParam, param } from "../http/params.ts";
import { jsonWithEtag } from "../http/respond.ts";
import { canSee, manifestView, manifestVisible, placeSnippet, visibleLanguages } from "../read/visibility.ts";
import { readManifest } from "../store/manifest-cache.ts";

/**
 * GET /v1/contents/:key            the manifest: one KV read, none while the isolate cache is fresh
 * GET /v1/contents/:key/snippets   the manifest, then one bulk read per 100 visible snippets
 */
export function contentRoutes() {
  const app = new Hono<AppEnv>();

  async function visibleManifest(c: Context<AppEnv>, raw: string | undefined): Promise<Manifest> {
    const key = param("contentKey", raw);
    const manifest = await readManifest(c.get("kv"), key, c.get("vars").manifestCacheMs);
    if (!manifest || !manifestVisible(manifest, c.get("reader"), Date.now())) throw NOT_FOUND();
    return manifest;
  }

  app.get("/:key", async (c) => {
    const manifest = await visibleManifest(c, c.req.param("key"));
    return jsonWithEtag(c, manifestView(manifest, c.get("reader")));
  });

  app.get("/:key/snippets", async (c) => {
    const wanted = optionalParam("lang", c.req.query("lang"));
    const manifest = await visibleManifest(c, c.req.param("key"));
    const reader = c.get("reader");
    const languages = visibleLanguages(manifest, reader);
    const available = languages.map((l) => l.lang);
    // an explicit `lang` matches itself or its base language only; without it, Accept-Language,
    // then the site's default, then the first language (API.md's fallback)
    const lang = wanted
      ? (available.find((l) => l === wanted) ?? available.find((l) => base(l) === base(wanted)))
      : pickLang(
          Object.fromEntries(available.map((l) => [l, l])),
          acceptedLanguages(c.req.header("accept-language")),
          manifest.site.defaultLang,
        );
    if (!lang) throw NOT_FOUND();
    const ids = languages.find((l) => l.lang === lang)?.snippetIds ?? [];
    const got = await c.get("kv").getMany<Snippet>(ids.map(kvKeys.snippet));
    const snippets: Snippet[] = [];
    for (const id of ids) {
      const s = got.get(kvKeys.snippet(id));
      if (s && canSee(reader, s.audience)) snippets.push(s);
    }
    const order = snippets.map((s) => s.id);
    c.header("vary", "Accept-Language", { append: true });
    return jsonWithEtag(
      c,
      {
        key: manifest.key,
        version: manifest.version,
        lang,
        languages: languages.map((l) => l.lang),
        snippets: snippets.map((s) => placeSnippet(s, order, manifest)),
      },
      { "content-language": lang },
    );
  });

  return app;
}

function base(lang: string): string {
  return lang.split("-")[0] as string;
}
