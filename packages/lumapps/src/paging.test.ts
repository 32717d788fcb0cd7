import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BrokenListingError } from "./errors.ts";
import { type Envelope, paginate } from "./paging.ts";

const Item = z.looseObject({ id: z.string() });

/** Serves the given envelopes in order and records the cursors asked for. */
function pages(...envelopes: Envelope[]) {
  const asked: (string | undefined)[] = [];
  return {
    asked,
    fetchPage: async (cursor: string | undefined) => {
      asked.push(cursor);
      const next = envelopes.shift();
      if (!next) throw new Error("asked past the last page");
      return next;
    },
  };
}

async function drain(iterable: AsyncIterable<{ items: { id: string }[] }>) {
  const ids: string[] = [];
  for await (const page of iterable) ids.push(...page.items.map((i) => i.id));
  return ids;
}

describe("paging a v1 listing", () => {
  it("follows cursors to the end, through empty pages that carry a cursor", async () => {
    const src = pages(
      { items: [{ id: "1" }], more: true, cursor: "a" },
      { more: true, cursor: "b" },
      { items: [], more: true, cursor: "c" },
      { items: [{ id: "2" }], more: false },
    );
    expect(await drain(paginate("content/list", src.fetchPage, Item))).toEqual(["1", "2"]);
    expect(src.asked).toEqual([undefined, "a", "b", "c"]);
  });

  it("stops when more is false even if a cursor came back", async () => {
    const src = pages({ items: [{ id: "1" }], more: false, cursor: "x" });
    expect(await drain(paginate("content/list", src.fetchPage, Item))).toEqual(["1"]);
  });

  it("treats an absent more as the last page", async () => {
    const src = pages({ items: [{ id: "1" }], cursor: "x" });
    expect(await drain(paginate("content/list", src.fetchPage, Item))).toEqual(["1"]);
  });

  it("throws a broken-listing error on more without a cursor, after yielding that page", async () => {
    const src = pages(
      { items: [{ id: "1" }], more: true, cursor: "a" },
      { items: [{ id: "2" }], more: true },
    );
    const seen: string[] = [];
    const run = async () => {
      for await (const page of paginate("content/list", src.fetchPage, Item))
        seen.push(...page.items.map((i) => i.id));
    };
    await expect(run()).rejects.toBeInstanceOf(BrokenListingError);
    expect(seen).toEqual(["1", "2"]);
  });

  it("throws a broken-listing error when a cursor comes back twice", async () => {
    const src = pages(
      { items: [{ id: "1" }], more: true, cursor: "a" },
      { items: [{ id: "2" }], more: true, cursor: "b" },
      { items: [{ id: "3" }], more: true, cursor: "a" },
    );
    await expect(drain(paginate("content/list", src.fetchPage, Item))).rejects.toThrow(/repeated a cursor/);
  });

  it("resumes from a saved cursor and refuses to be sent back to it", async () => {
    const src = pages({ items: [{ id: "9" }], more: true, cursor: "saved" });
    await expect(drain(paginate("content/list", src.fetchPage, Item, "saved"))).rejects.toBeInstanceOf(
      BrokenListingError,
    );
    expect(src.asked).toEqual(["saved"]);
  });

  it("keeps an item that does not parse aside, with its id, instead of failing the page", async () => {
    const src = pages({ items: [{ id: "1" }, { id: 7, odd: true }, { nope: 1 }], more: false });
    const all = [];
    for await (const page of paginate("content/list", src.fetchPage, z.looseObject({ id: z.string() })))
      all.push(page);
    expect(all[0]?.items).toEqual([{ id: "1" }]);
    expect(all[0]?.invalid.map((i) => [i.index, i.id])).toEqual([
      [1, "7"],
      [2, undefined],
    ]);
  });

  it("gives the cursor to resume after each page, and none after the last", async () => {
    const src = pages(
      { items: [{ id: "1" }], more: true, cursor: "a" },
      { items: [{ id: "2" }], more: false, cursor: "z" },
    );
    const cursors = [];
    for await (const page of paginate("content/list", src.fetchPage, Item)) cursors.push(page.nextCursor);
    expect(cursors).toEqual(["a", undefined]);
  });
});
