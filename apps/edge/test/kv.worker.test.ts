import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("the worker inside workerd", () => {
  it("reads and writes real local KV", async () => {
    await env.SNIPPETS.put("probe:a", JSON.stringify({ n: 1 }), { metadata: { v: 1 } });
    const got = await env.SNIPPETS.getWithMetadata<{ v: number }>("probe:a", "json");
    expect(got.value).toEqual({ n: 1 });
    expect(got.metadata).toEqual({ v: 1 });
    const listed = await env.SNIPPETS.list({ prefix: "probe:" });
    expect(listed.keys.map((k) => k.name)).toEqual(["probe:a"]);
  });

  it("answers /healthz through the app", async () => {
    const res = await exports.default.fetch("https://edge.test/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });
});
