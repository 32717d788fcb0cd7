import { createFixtureSeed, type Seed, type SimContent } from "@lumasnip/lumapps-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./support/harness.ts";

const MB = 1024 * 1024;
const html = (bytes: number) =>
  `<p>${"All work and no play makes a dull page. ".repeat(Math.ceil(bytes / 41))}</p>`;
/** incompressible text, so the too-large item is too large for Kafka even gzipped */
const noise = (bytes: number) => {
  let s = "";
  let x = 12345;
  while (s.length < bytes) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    s += x.toString(36);
  }
  return `<p>${s}</p>`;
};

function malformedSeed(): { seed: Seed; ids: Record<string, string> } {
  const seed = createFixtureSeed({ pages: 20, news: 0 });
  const live = seed.contents.filter((c) => c.status === "LIVE" && c.feedKeys.length === 0);
  const ids: Record<string, string> = {};
  const take = (name: string, change: (c: SimContent) => void) => {
    const c = live.shift()!;
    ids[name] = c.id;
    change(c);
  };
  const setHtml = (c: SimContent, value: string) => {
    const widget = (c.template.components[0]!.cells![0]!.components ?? []).find(
      (w) => w.widgetType === "html",
    )!;
    widget.properties = { content: { en: value } };
  };
  take("noTemplate", (c) => {
    delete (c as Partial<SimContent>).template;
  });
  take("badUpdatedAt", (c) => {
    c.updatedAt = "yesterday at noon";
  });
  take("badEndDate", (c) => {
    c.endDate = "31/12/2099";
  });
  take("unknownWidgets", (c) => {
    c.template = {
      components: [
        {
          type: "widget",
          widgetType: "quantum-widget",
          properties: { weird: [{ deep: { x: 1 } }], content: 42 },
        },
        { type: "mystery", whatever: true },
      ],
    };
  });
  take("fiveMegabytes", (c) => setHtml(c, html(5 * MB)));
  take("tooLarge", (c) => setHtml(c, noise(17 * MB)));
  take("unreadableWidgetRights", (c) => {
    const widget = (c.template.components[0]!.cells![0]!.components ?? [])[1]!;
    (widget as { feedKeys: unknown }).feedKeys = "everyone";
  });
  return { seed, ids };
}

describe("malformed items", () => {
  let h: Harness;
  let ids: Record<string, string>;
  beforeAll(async () => {
    const made = malformedSeed();
    ids = made.ids;
    h = await startHarness({ sim: { seed: made.seed }, logLevel: "silent" });
  }, 60_000);
  afterAll(() => h.close());

  it("become events or DLQ records with their reasons, and the sync goes on", async () => {
    expect((await h.cli(["sync", "--once"])).code).toBe(0);
    const upserts = await h.upserts();
    const dlq = await h.dlq();
    const emitted = new Set(upserts.map((u) => u.content.id));
    const byId = Object.fromEntries(dlq.map((r) => [r.contentId ?? "?", r]));

    const fine = h.visible().filter((c) => !Object.values(ids).includes(c.id));
    expect(fine.length).toBeGreaterThan(3);
    for (const c of fine) expect(emitted.has(c.id)).toBe(true);

    expect(upserts.find((u) => u.content.id === ids.noTemplate)?.content.template).toBeNull();
    expect(emitted.has(ids.unknownWidgets!)).toBe(true);
    const big = upserts.find((u) => u.content.id === ids.fiveMegabytes);
    expect(JSON.stringify(big?.content.template).length).toBeGreaterThan(5_000_000);

    expect(byId[ids.badUpdatedAt!]).toMatchObject({
      stage: "fetcher",
      reason: "invalid_content",
      error: expect.stringMatching(/^updatedAt: not a date/),
    });
    expect(byId[ids.badEndDate!]).toMatchObject({
      reason: "invalid_content",
      error: expect.stringMatching(/^endDate: not a date/),
    });
    expect(byId[ids.unreadableWidgetRights!]).toMatchObject({
      reason: "invalid_content",
      error: expect.stringMatching(/feedKeys/),
    });
    expect(byId[ids.tooLarge!]).toMatchObject({
      reason: "too_large",
      key: `sim:${ids.tooLarge}`,
      size: { bytes: expect.any(Number) },
    });
    for (const name of ["badUpdatedAt", "badEndDate", "unreadableWidgetRights", "tooLarge"])
      expect(emitted.has(ids[name]!)).toBe(false);
    expect(JSON.stringify(dlq)).not.toMatch(/@example\.com/);
  });

  it("does not send the same bad item to the DLQ again while nothing changed", async () => {
    const before = (await h.dlq()).length;
    expect((await h.cli(["sync", "--once"])).code).toBe(0);
    expect((await h.dlq()).length).toBe(before);
  });
});
