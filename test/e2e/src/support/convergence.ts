import { eventually } from "@lumasnip/testkit";
import { edgeContents, GRACE_SECONDS, type TestEdge } from "./edge.ts";
import { audienceOf, keyOf, languagesOf, visibleContents } from "./expected.ts";
import type { Stack } from "./stack.ts";

/**
 * Differences between the edge's KV and the simulator's visible content: a missing or extra
 * manifest, an old version, a wrong audience or language set, a snippet id listed twice or by
 * two contents, a listed snippet that is not stored and (with `exact`) a stored one no manifest lists.
 * `exclude`: visible contents the edge must not hold (parked in the DLQ).
 */
export async function differences(
  stack: Pick<Stack, "sim" | "edge">,
  options: { exact?: boolean; exclude?: ReadonlySet<string> } = {},
) {
  const { manifests, snippetIds } = await edgeContents(stack.edge);
  const problems: string[] = [];
  const want = new Map(
    visibleContents(stack.sim)
      .filter((c) => !options.exclude?.has(keyOf(c)))
      .map((c) => [keyOf(c), c]),
  );
  for (const [key, c] of want) {
    const m = manifests.get(key);
    if (!m) {
      problems.push(`missing ${key}`);
      continue;
    }
    if (m.sourceVersion !== c.version)
      problems.push(`${key}: version ${m.sourceVersion}, simulator ${c.version}`);
    if (JSON.stringify([...m.audience].sort()) !== JSON.stringify(audienceOf(c))) {
      problems.push(`${key}: audience ${m.audience.join(",")}, simulator ${audienceOf(c).join(",")}`);
    }
    const langs = m.languages
      .filter((l) => l.snippetIds.length > 0)
      .map((l) => l.lang)
      .sort();
    if (langs.join(",") !== languagesOf(c).join(","))
      problems.push(`${key}: languages ${langs}, simulator ${languagesOf(c)}`);
  }
  for (const key of manifests.keys()) if (!want.has(key)) problems.push(`extra ${key}`);
  const owner = new Map<string, string>();
  for (const m of manifests.values()) {
    for (const l of m.languages) {
      for (const id of l.snippetIds) {
        const prev = owner.get(id);
        if (prev) problems.push(`snippet ${id} listed twice (${prev}, ${m.key} ${l.lang})`);
        owner.set(id, `${m.key} ${l.lang}`);
      }
    }
  }
  const stored = new Set(snippetIds);
  for (const [id, where] of owner)
    if (!stored.has(id)) problems.push(`snippet ${id} of ${where} is not stored`);
  if (options.exact)
    for (const id of stored) if (!owner.has(id)) problems.push(`stored snippet ${id} belongs to no manifest`);
  return { problems, manifests: manifests.size, snippets: stored.size };
}

/** Runs the cron's collection as if the grace period (and a margin) had passed. */
export async function collectStale(edge: TestEdge): Promise<void> {
  await edge.local.scheduled(Date.now() + (GRACE_SECONDS + 60) * 1000);
}

/**
 * Waits until the edge mirrors the simulator; with `exact`, also collects stale snippets and
 * requires that nothing else is stored. Generous bound: tests wait, they do not time.
 */
export async function converge(
  stack: Pick<Stack, "sim" | "edge">,
  options: { exact?: boolean; exclude?: ReadonlySet<string>; timeoutMs?: number; what?: string } = {},
) {
  return eventually(
    async () => {
      const fail = (d: Awaited<ReturnType<typeof differences>>) =>
        new Error(`${d.problems.length} differences: ${d.problems.slice(0, 8).join("; ")}`);
      let d = await differences(stack, { ...options, exact: false });
      if (d.problems.length > 0) throw fail(d);
      if (options.exact) {
        // collect only once the content matches: a collection per probe would just add noise
        await collectStale(stack.edge);
        d = await differences(stack, options);
        if (d.problems.length > 0) throw fail(d);
      }
      return d;
    },
    {
      timeoutMs: options.timeoutMs ?? 180_000,
      intervalMs: 1000,
      what: options.what ?? "the edge to mirror the simulator",
    },
  );
}
