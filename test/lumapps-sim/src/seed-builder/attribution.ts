import type { Seed } from "../types.ts";

/** SOURCES.md of the demo seed: where each item comes from and under which licence. */
export function demoAttribution(seed: Seed): string {
  const licence: Record<string, string> = {
    "debian-handbook":
      "GPL-2.0-or-later or CC-BY-SA-3.0 — Raphaël Hertzog, Roland Mas (The Debian Administrator's Handbook) and its translators",
    "debian-reference": "GPL-2.0-or-later — Osamu Aoki (Debian Reference) and its translators",
    "developers-reference": "GPL-2.0 — the Debian Developer's Reference authors and translators",
    "debian-faq":
      "verbatim copying and modification permitted (notice of Software in the Public Interest, 1996–2003) — the Debian FAQ authors and translators",
    "software-carpentry-blog": "CC BY 4.0 — Software Carpentry (software-carpentry.org) blog authors",
    "parchlinux-blog": "GPL-3.0 — Parch Linux (blog.parchlinux.com) authors",
  };
  const rows = seed.contents.map((c) => {
    const key = String(c.externalKey ?? "");
    const source = key.replace(/^corpus:(raw|cms):/, "").split(/[:/]/)[0] ?? "";
    const title = Object.values(c.title)[0] ?? "";
    return `| ${c.id} | ${c.type} | ${key.replace(/^corpus:/, "")} | ${title.replace(/\|/g, "\\|")} | ${source} |`;
  });
  const sources = [
    ...new Set(
      seed.contents.map(
        (c) =>
          String(c.externalKey ?? "")
            .replace(/^corpus:(raw|cms):/, "")
            .split(/[:/]/)[0]!,
      ),
    ),
  ];
  return `# Demo seed: sources and licences

This folder is **not** under the project's Apache-2.0 licence. Every page and post body in
\`contents.jsonl\` is a third party's work, kept under its own licence:

| source | licence and authors |
|---|---|
${sources.map((s) => `| ${s} | ${licence[s] ?? "see corpus-*-SOURCES.md"} |`).join("\n")}

The HTML comes from the shared corpus (Debian 12 documentation packages; the Software Carpentry
and Parch Linux blogs), described in \`corpus-raw-SOURCES.md\` and \`corpus-cms-SOURCES.md\` (copied
here unchanged): where each file was taken from, at which version or commit, and how. The seed
builder (\`src/seed-builder/\`) kept each page's main content (the documentation's own navigation,
banner and footer left out), split some of it across several widgets, and wrapped it in LumApps
content objects. Names and emails of authors are placeholders. Titles, slugs, dates of pages,
groups, metadata ids and widget layouts are generated.

Regenerate with \`pnpm --filter @lumasnip/lumapps-sim seed:demo\`.

## Items

| content id | type | corpus path | title | source |
|---|---|---|---|---|
${rows.join("\n")}
`;
}
