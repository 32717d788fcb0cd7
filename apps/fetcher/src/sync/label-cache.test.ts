import type { LumAppsClient, Page } from "@lumasnip/lumapps";
import type { LumAppsMetadata } from "@lumasnip/schema";
import { describe, expect, it } from "vitest";
import { createSourceState } from "../state/source-state.ts";
import { createLabelCache } from "./label-cache.ts";

/** An in-memory stand-in for the LumApps client (the interface the cache is given). */
function fakeClient(metadata: Map<string, LumAppsMetadata>) {
  const calls: string[] = [];
  const page = <T>(items: T[]): AsyncIterable<Page<T>> => ({
    async *[Symbol.asyncIterator]() {
      yield { index: 0, items, invalid: [], nextCursor: undefined, errors: [] };
    },
  });
  const client = {
    getMetadata: async (id: string) => {
      calls.push(`get ${id}`);
      return metadata.get(id);
    },
    listMetadata: () => {
      calls.push("list");
      return page([...metadata.values()]);
    },
    listContentTypes: () => page([]),
  } as unknown as LumAppsClient;
  return { client, calls };
}

describe("the label cache", () => {
  const family: LumAppsMetadata = { id: "f", name: { en: "Topic" }, familyKey: "f" };
  const tag: LumAppsMetadata = {
    id: "t",
    name: { en: "Safety", fr: "Sécurité" },
    familyKey: "f",
    parent: "f",
  };

  it("resolves labels with their family, once per expiry", async () => {
    let now = 0;
    const { client, calls } = fakeClient(
      new Map([
        ["f", family],
        ["t", tag],
      ]),
    );
    const cache = createLabelCache({ client, state: createSourceState("s"), ttlMs: 1000, now: () => now });
    await cache.ensure({ metadataIds: ["t"], contentTypeIds: [], siteIds: [] });
    expect(cache.metadata("t")).toEqual({
      labels: { en: "Safety", fr: "Sécurité" },
      family: { id: "f", labels: { en: "Topic" } },
    });
    await cache.ensure({ metadataIds: ["t"], contentTypeIds: [], siteIds: [] });
    expect(calls).toEqual(["get t", "get f"]);
    now = 2000;
    await cache.ensure({ metadataIds: ["t"], contentTypeIds: [], siteIds: [] });
    expect(calls).toHaveLength(4);
  });

  it("finds a rename made while the fetcher was down and flags the live items carrying it", async () => {
    const metadata = new Map([
      ["f", family],
      ["t", tag],
    ]);
    const state = createSourceState("s");
    state.setItem("1", { k: "live", s: "a", v: 1, u: "x", a: "y", m: ["t"] });
    state.setItem("2", { k: "live", s: "a", v: 1, u: "x", a: "y", m: ["other"] });
    const first = createLabelCache({ client: fakeClient(metadata).client, state, ttlMs: 1000 });
    await first.ensure({ metadataIds: ["t"], contentTypeIds: [], siteIds: [] });
    expect(first.takeRenamed()).toEqual([]);
    state.drain();

    metadata.set("t", { ...tag, name: { en: "Workplace safety" } });
    const restarted = createLabelCache({ client: fakeClient(metadata).client, state, ttlMs: 1000 });
    await restarted.refreshExpired([]);
    expect(restarted.takeRenamed()).toEqual(["metadata:t"]);
    expect(state.item("1")?.r).toBe(true);
    expect(state.item("2")?.r).toBeUndefined();
    // the flag and the new fingerprint go out in the same write
    expect(state.drain().map((r) => r.key)).toEqual(["s/c/1", "s"]);
  });
});
