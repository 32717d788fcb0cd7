import { groups, type SimContent } from "@lumasnip/lumapps-sim";
import type { Manifest } from "@lumasnip/schema";
import { eventually } from "@lumasnip/testkit";
import { beforeAll, describe, expect, it } from "vitest";
import { converge } from "./support/convergence.ts";
import { READER_AUDIENCES, READERS, type ReaderName, type SnippetsPage } from "./support/edge.ts";
import {
  audienceOf,
  keyOf,
  languagesOf,
  mayRead,
  paragraphsOf,
  SOURCE_ID,
  squash,
  titleOf,
  visibleContents,
  widgetsOf,
} from "./support/expected.ts";
import { stackHooks, withLogs } from "./support/hooks.ts";
import { type Stack, startStack } from "./support/stack.ts";

/**
 * Issue 9 §2: the demo seed through the whole pipeline (simulator → fetcher → Kafka → snippetizer
 * → Kafka → publisher → edge in Miniflare), read back over HTTP with keys of several audiences;
 * then changes made in the simulator, followed to the edge. One stack for both: the changes start
 * from the synced state, and the file stays within about a minute and a half.
 */
describe("the whole pipeline on the demo seed", () => {
  let stack: Stack | undefined;
  let visible: SimContent[];
  const s = () => stack!;
  const joined = (page: SnippetsPage) => squash(page.snippets.map((x) => x.text).join(" "));

  stackHooks(() => stack);
  beforeAll(async () => {
    stack = await startStack();
    await withLogs(stack, async () => {
      await s().startAll();
      await converge(s(), { exact: true, what: "the demo seed at the edge" });
    });
    visible = visibleContents(s().sim);
  }, 300_000);

  it("serves every visible content in every language it has, with the simulator's titles and text", async () => {
    expect(visible.length).toBeGreaterThan(30);
    let checkedParagraphs = 0;
    for (const c of visible) {
      const languages = languagesOf(c);
      for (const lang of languages) {
        const page = await s().edge.snippets(keyOf(c), lang);
        if (typeof page === "number") throw new Error(`${keyOf(c)} ${lang}: ${page}`);
        expect(page.lang, `${keyOf(c)} ${lang}`).toBe(lang);
        expect(page.languages.sort()).toEqual(languages);
        expect(page.snippets.length, `${keyOf(c)} ${lang}`).toBeGreaterThan(0);
        const title = titleOf(c, lang);
        if (title) expect(page.snippets[0]!.title.trim()).toBe(title.trim());
        const text = joined(page);
        for (const p of paragraphsOf(c, lang).slice(0, 3)) {
          expect(text, `${keyOf(c)} ${lang} lost "${p.slice(0, 60)}"`).toContain(squash(p));
          checkedParagraphs++;
        }
      }
    }
    expect(checkedParagraphs).toBeGreaterThan(50);
  });

  it("serves content only to keys of its audience; others get exactly the answer of a missing content", async () => {
    const missing = await s().edge.get(`/v1/contents/${SOURCE_ID}:1000000000000000`, "all");
    expect(missing.status).toBe(404);
    const restricted = visible.filter((c) => c.feedKeys.length > 0);
    expect(restricted.length).toBeGreaterThanOrEqual(2);
    let refused = 0;
    for (const c of visible) {
      for (const reader of READERS) {
        const allowed = mayRead(READER_AUDIENCES[reader], audienceOf(c));
        const manifest = await s().edge.get(`/v1/contents/${keyOf(c)}`, reader);
        const lang = languagesOf(c)[0]!;
        const snippets = await s().edge.get(`/v1/contents/${keyOf(c)}/snippets?lang=${lang}`, reader);
        if (allowed) {
          expect([manifest.status, snippets.status], `${reader} reads ${keyOf(c)}`).toEqual([200, 200]);
        } else {
          refused++;
          expect(manifest, `${reader} must not see ${keyOf(c)}`).toEqual(missing);
          expect(snippets, `${reader} must not see ${keyOf(c)}'s snippets`).toEqual(missing);
          const page = await s().edge.snippets(keyOf(c), lang, "all");
          const one = await s().edge.get(`/v1/snippets/${(page as SnippetsPage).snippets[0]!.id}`, reader);
          expect(one, `${reader} must not see a snippet of ${keyOf(c)}`).toEqual(missing);
        }
      }
    }
    expect(refused).toBeGreaterThan(0);
  });

  it("never serves what the service user cannot see, to any key", async () => {
    const hidden = s()
      .sim.control.contents()
      .filter((c) => !visible.some((v) => v.id === c.id));
    expect(hidden.map((c) => c.status)).toEqual(expect.arrayContaining(["DRAFT", "ARCHIVE", "LIVE"]));
    for (const c of hidden) {
      for (const reader of READERS) {
        expect((await s().edge.get(`/v1/contents/${keyOf(c)}`, reader)).status, `${reader} ${keyOf(c)}`).toBe(
          404,
        );
      }
    }
  });

  it("hides the text of a widget restricted to a group from keys outside that group", async () => {
    const narrowed = visible.filter((c) => widgetsOf(c).some((w) => (w.feedKeys ?? []).length > 0));
    expect(narrowed.length).toBeGreaterThan(0);
    let checked = 0;
    for (const c of narrowed) {
      const widgetGroups = widgetsOf(c).flatMap((w) => w.feedKeys ?? []);
      for (const lang of languagesOf(c)) {
        const secret = paragraphsOf(c, lang, { restricted: true }).slice(0, 2);
        if (secret.length === 0) continue;
        for (const reader of READERS) {
          if (!mayRead(READER_AUDIENCES[reader], audienceOf(c))) continue;
          const page = await s().edge.snippets(keyOf(c), lang, reader as ReaderName);
          if (typeof page === "number") throw new Error(`${reader} ${keyOf(c)} ${lang}: ${page}`);
          const sees = mayRead(READER_AUDIENCES[reader], widgetGroups);
          checked++;
          for (const p of secret) {
            expect(
              joined(page).includes(squash(p)),
              `${reader} ${sees ? "sees" : "must not see"} ${keyOf(c)} ${lang}`,
            ).toBe(sees);
          }
        }
      }
    }
    expect(checked, "readers × languages with restricted text").toBeGreaterThan(4);
  });

  it("lists a site's contents per reader: restricted items only for their audience", async () => {
    const it = visible.find((c) => c.feedKeys.length === 1 && c.type === "page")!;
    expect(it).toBeDefined();
    const listed = async (reader: ReaderName) => {
      const keys: string[] = [];
      let cursor: string | null = null;
      do {
        const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
        const r = await s().edge.get(`/v1/sites/${SOURCE_ID}/${it.instance}/contents?limit=100${q}`, reader);
        expect(r.status).toBe(200);
        const body = r.body as { items: { key: string }[]; cursor: string | null };
        keys.push(...body.items.map((i) => i.key));
        cursor = body.cursor;
      } while (cursor);
      return keys.sort();
    };
    const site = visible.filter((c) => c.instance === it.instance);
    for (const reader of READERS) {
      const want = site
        .filter((c) => mayRead(READER_AUDIENCES[reader], audienceOf(c)))
        .map(keyOf)
        .sort();
      expect(await listed(reader), reader).toEqual(want);
    }
  });

  describe("following changes made in the simulator", () => {
    const used = new Set<string>();
    /** a visible item no other test touched, in a scope of its own when asked */
    const pick = (filter: (c: SimContent) => boolean): SimContent => {
      const c = visibleContents(s().sim).find((x) => !used.has(x.id) && filter(x));
      if (!c) throw new Error("no untouched item fits");
      used.add(c.id);
      return c;
    };
    const pages = async (c: SimContent) =>
      Object.fromEntries(
        await Promise.all(
          languagesOf(c).map(
            async (l) => [l, (await s().edge.snippets(keyOf(c), l)) as SnippetsPage] as const,
          ),
        ),
      );
    /** consecutive snippets with one heading path: the sections of one language, in order */
    const sections = (page: SnippetsPage) => {
      const out: { path: string; ids: string[]; text: string }[] = [];
      for (const sn of page.snippets) {
        const path = JSON.stringify(sn.headingPath);
        const last = out.at(-1);
        if (last?.path === path) {
          last.ids.push(sn.id);
          last.text += sn.text;
        } else out.push({ path, ids: [sn.id], text: sn.text });
      }
      return out;
    };

    it("serves an edited paragraph, and only that section's snippet ids change", async () => {
      const c = pick(
        (x) =>
          x.type === "page" &&
          x.feedKeys.length === 0 &&
          languagesOf(x).length >= 3 &&
          !widgetsOf(x).some((w) => (w.feedKeys ?? []).length > 0),
      );
      const before = await pages(c);
      expect(sections(before.en!).length, "a page with several sections").toBeGreaterThan(1);
      const marker = `The e2e test added this paragraph to ${c.id} at ${Date.now()}.`;
      s().sim.control.edit(c.id, { lang: "en", paragraph: marker });
      const after = await eventually(
        async () => {
          const now = await pages(c);
          return now.en && squash(now.en.snippets.map((x) => x.text).join(" ")).includes(squash(marker))
            ? now
            : undefined;
        },
        { timeoutMs: 120_000, intervalMs: 500, what: "the edited paragraph at the edge" },
      );
      for (const lang of languagesOf(c).filter((l) => l !== "en")) {
        expect(
          after[lang]!.snippets.map((x) => x.id),
          `${lang} did not change`,
        ).toEqual(before[lang]!.snippets.map((x) => x.id));
      }
      // the paragraph lands at the end of the first html widget: in an existing section, or in a new
      // one when that widget held only a heading; every other section keeps its ids and its place
      const was = sections(before.en!);
      const now = sections(after.en!);
      const edited = now.findIndex((x) => squash(x.text).includes(squash(marker)));
      expect(edited).toBeGreaterThanOrEqual(0);
      const previous = was.findIndex((x) => x.path === now[edited]!.path);
      if (previous >= 0)
        expect(now[edited]!.ids, "the edited section has new ids").not.toEqual(was[previous]!.ids);
      const shape = (list: typeof was, skip: number) =>
        list.filter((_, i) => i !== skip).map((x) => ({ path: x.path, ids: x.ids }));
      expect(shape(now, edited), "every other section kept its ids").toEqual(shape(was, previous));
      expect(((await s().edge.manifest(keyOf(c))) as Manifest).sourceVersion).toBe(
        s().sim.control.content(c.id)!.version,
      );
    });

    it("removes deleted, archived, expired and hidden content after the reconcile, for every key that read it", async () => {
      const news = (site?: string) => (x: SimContent) =>
        x.type === "news" && x.feedKeys.length === 0 && (!site || x.instance !== site);
      const deleted = pick(news());
      const expired = pick(news(deleted.instance));
      const archived = pick((x) => x.type === "page" && x.feedKeys.length === 0);
      const hidden = pick(
        (x) => x.type === "page" && x.feedKeys.length === 0 && x.instance !== archived.instance,
      );
      const narrowed = pick(
        (x) =>
          x.type === "page" &&
          x.feedKeys.length === 0 &&
          x.instance !== archived.instance &&
          x.instance !== hidden.instance,
      );
      const gone = [deleted, expired, archived, hidden];
      const readersOf = (c: SimContent) => READERS.filter((r) => mayRead(READER_AUDIENCES[r], audienceOf(c)));
      const snippetOf = async (c: SimContent) =>
        ((await s().edge.snippets(keyOf(c), languagesOf(c)[0]!)) as SnippetsPage).snippets[0]!.id;
      const before = new Map<string, { readers: ReaderName[]; snippet: string }>();
      for (const c of [...gone, narrowed]) {
        const readers = readersOf(c);
        expect(readers).toEqual(READERS);
        for (const r of readers)
          expect((await s().edge.get(`/v1/contents/${keyOf(c)}`, r)).status, `${r} reads ${keyOf(c)}`).toBe(
            200,
          );
        before.set(c.id, { readers, snippet: await snippetOf(c) });
      }

      s().sim.control.delete(deleted.id);
      s().sim.control.archive(archived.id);
      s().sim.control.setDates(expired.id, {
        endDate: new Date(s().sim.control.now().getTime() + 3000).toISOString(),
      });
      // audience changes that do not bump updatedAt: only a reconcile can see them
      s().sim.control.setAudience(hidden.id, [groups.hr], { bumpUpdatedAt: false });
      s().sim.control.setAudience(narrowed.id, [groups.it], { bumpUpdatedAt: false });

      const missing = await s().edge.get(`/v1/contents/${SOURCE_ID}:1000000000000000`, "all");
      const status = async (c: SimContent, r: ReaderName) =>
        (await s().edge.get(`/v1/contents/${keyOf(c)}`, r)).status;
      await eventually(
        async () => {
          const open: string[] = [];
          for (const c of gone)
            for (const r of before.get(c.id)!.readers)
              if ((await status(c, r)) !== 404) open.push(`${r}:${keyOf(c)}`);
          for (const r of READERS) {
            const want = mayRead(READER_AUDIENCES[r], [groups.it]) ? 200 : 404;
            if ((await status(narrowed, r)) !== want) open.push(`${r}:${keyOf(narrowed)} not ${want}`);
          }
          if (open.length > 0) throw new Error(`still as before: ${open.join(", ")}`);
          return true;
        },
        { timeoutMs: 120_000, intervalMs: 1000, what: "the changes at the edge" },
      );
      for (const c of gone) {
        for (const r of before.get(c.id)!.readers) {
          expect(await s().edge.get(`/v1/contents/${keyOf(c)}`, r), `${r} ${keyOf(c)}`).toEqual(missing);
          expect(
            await s().edge.get(`/v1/snippets/${before.get(c.id)!.snippet}`, r),
            `${r} a snippet of ${keyOf(c)}`,
          ).toEqual(missing);
        }
      }
      expect(await s().edge.get(`/v1/snippets/${before.get(narrowed.id)!.snippet}`, "allStaff")).toEqual(
        missing,
      );
      expect((await s().edge.get(`/v1/snippets/${before.get(narrowed.id)!.snippet}`, "it")).status).toBe(200);
      // and nothing is left behind in KV once the grace period has passed
      await converge(s(), { exact: true, what: "the edge to mirror the simulator after the changes" });
    });
  });
});
