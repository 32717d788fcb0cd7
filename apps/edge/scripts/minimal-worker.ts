/**
 * The baselines of the benchmark, with no framework, auth, validation or ETag:
 *   /s/<id>    one KV get (of the snippet)
 *   /c/<key>   the content route's reads: the manifest, then one bulk get of its snippets
 */
export const MINIMAL_WORKER = `
export default {
  async fetch(request, env) {
    const path = new URL(request.url).pathname;
    if (path.startsWith("/s/")) {
      const value = await env.SNIPPETS.get("s:" + path.slice(3));
      if (value === null) return new Response('{"error":"not found"}', { status: 404 });
      return new Response(value, { headers: { "content-type": "application/json" } });
    }
    const manifest = await env.SNIPPETS.get("m:" + decodeURIComponent(path.slice(3)), "json");
    if (manifest === null) return new Response('{"error":"not found"}', { status: 404 });
    const ids = manifest.languages[0].snippetIds.map((id) => "s:" + id);
    const got = await env.SNIPPETS.get(ids, "json");
    return Response.json({ snippets: ids.map((k) => got.get(k)) });
  },
};`;
