import type { Manifest } from "@lumasnip/schema";
import { describe, expect, it } from "vitest";
import { chunk, fingerprint, PlanError, planPublish } from "./plan.ts";
import { buildSet, type SetSpec } from "./testing/sets.ts";

const spec: SetSpec = {
  contentId: "42",
  languages: {
    en: [
      { heading: "Intro", paragraphs: ["Welcome to the handbook.", "Read it all."] },
      { heading: "Leave", paragraphs: ["Ask your manager.", "Book it in the tool."] },
      { heading: "Travel", paragraphs: ["Use the agency."] },
    ],
    fr: [{ heading: "Intro", paragraphs: ["Bienvenue."] }],
  },
};

/** The manifest the edge holds after committing a plan: what the next plan is diffed against. */
function committed(plan: ReturnType<typeof planPublish>, version: number): Manifest {
  if (plan.action !== "publish") throw new Error("no commit");
  return { ...plan.manifest, version, committedAt: "2026-11-20T10:00:01.000Z" };
}

describe("planPublish", () => {
  it("writes every snippet of a content the edge does not have, and commits with expectedVersion null", async () => {
    const plan = planPublish(await buildSet(spec), null);
    expect(plan).toMatchObject({
      action: "publish",
      expectedVersion: null,
      written: 6,
      unchanged: 0,
      dropped: 0,
    });
    if (plan.action !== "publish") return;
    expect(plan.manifest.languages.map((l) => [l.lang, l.snippetIds.length])).toEqual([
      ["en", 5],
      ["fr", 1],
    ]);
    expect(Object.keys(plan.manifest.fingerprints ?? {})).toHaveLength(6);
    expect(plan.manifest.snippetAudiences).toBeUndefined();
  });

  it("skips a set whose content hash equals the manifest's", async () => {
    const set = await buildSet(spec);
    expect(planPublish(set, committed(planPublish(set, null), 1))).toEqual({
      action: "skip",
      reason: "unchanged",
    });
  });

  it("rewrites only the edited paragraph when one paragraph changes, though the neighbours' links moved", async () => {
    const before = committed(planPublish(await buildSet(spec), null), 3);
    const edited = structuredClone(spec);
    const leave = edited.languages.en?.[1];
    if (!leave) throw new Error("fixture");
    leave.paragraphs[0] = "Ask your manager first.";
    const plan = planPublish(await buildSet({ ...edited, updatedAt: "2026-11-21T09:00:00.000Z" }), before);
    expect(plan).toMatchObject({
      action: "publish",
      expectedVersion: 3,
      written: 1,
      unchanged: 5,
      dropped: 1,
    });
    if (plan.action !== "publish") return;
    expect(plan.chunks.flat().map((s) => s.text)).toEqual(["Ask your manager first."]);
  });

  it("writes the inserted paragraph only, even though every later ordinal moved", async () => {
    const before = committed(planPublish(await buildSet(spec), null), 1);
    const grown = structuredClone(spec);
    grown.languages.en?.[0]?.paragraphs.unshift("A new first line.");
    const plan = planPublish(await buildSet(grown), before);
    expect(plan).toMatchObject({ written: 1, unchanged: 6, dropped: 0 });
  });

  it("rewrites every snippet whose audience changed, and records narrower snippet audiences in the manifest", async () => {
    const before = committed(planPublish(await buildSet(spec), null), 1);
    const plan = planPublish(
      await buildSet({ ...spec, narrower: { "Use the agency.": ["travel", "board"] } }),
      before,
    );
    expect(plan).toMatchObject({ written: 1, unchanged: 5 });
    if (plan.action !== "publish") return;
    const [id] = plan.chunks.flat().map((s) => s.id);
    expect(plan.manifest.snippetAudiences).toEqual({ [id as string]: ["board", "travel"] });
    const everyone = planPublish(await buildSet({ ...spec, audience: ["hr"] }), before);
    expect(everyone).toMatchObject({ written: 6, unchanged: 0 });
  });

  it("writes everything again when the stored manifest has no fingerprints", async () => {
    const before = committed(planPublish(await buildSet(spec), null), 1);
    const { fingerprints: _f, ...bare } = before;
    expect(planPublish(await buildSet({ ...spec, sourceVersion: 2 }), bare)).toMatchObject({ written: 6 });
  });

  it("refuses a set that lists one snippet id twice", async () => {
    const set = await buildSet(spec);
    set.languages[0]?.snippets.push(set.languages[0].snippets[0] as never);
    expect(() => planPublish(set, null)).toThrow(PlanError);
  });
});

describe("fingerprint and chunk", () => {
  it("ignores position and updatedAt but not text, audience or labels", async () => {
    const s = (await buildSet(spec)).languages[0]?.snippets[1];
    if (!s) throw new Error("fixture");
    const same = fingerprint(s);
    expect(
      fingerprint({ ...s, ordinal: 9, prevId: null, nextId: null, updatedAt: "2030-01-01T00:00:00.000Z" }),
    ).toBe(same);
    expect(fingerprint({ ...s, text: `${s.text}!` })).not.toBe(same);
    expect(fingerprint({ ...s, audience: ["g"] })).not.toBe(same);
    expect(fingerprint({ ...s, title: "Other" })).not.toBe(same);
    expect(fingerprint({ ...s, tags: ["metadata:1"] })).not.toBe(same);
  });

  it("cuts chunks at the count limit and at the byte limit", async () => {
    const snippets =
      (
        await buildSet({
          contentId: "9",
          languages: { en: [{ heading: "h", paragraphs: Array.from({ length: 950 }, (_, i) => `p${i}`) }] },
        })
      ).languages[0]?.snippets ?? [];
    expect(chunk(snippets).map((c) => c.length)).toEqual([400, 400, 150]);
    expect(chunk(snippets.slice(0, 10), 400, 1500).every((c) => c.length < 10)).toBe(true);
    expect(chunk(snippets.slice(0, 10), 400, 1500).flat()).toHaveLength(10);
  });
});
