import type { ApiKeyCreate, ApiKeyRecord, ManifestCommit, SnippetChunk } from "./edge/admin.ts";
import type { IndexEntry, Manifest } from "./edge/manifest.ts";
import type { ContentDeleted, ContentUpserted } from "./events/content.ts";
import type { DlqRecord } from "./events/dlq.ts";
import type { Snippet, SnippetSet, SnippetsDeleted } from "./events/snippets.ts";
import type { Tag } from "./tags.ts";

/**
 * One valid value of every published shape, about one news item of the source `acme`. The tests
 * round-trip them, the docs show them, and other packages may start their fixtures from them
 * (`@lumasnip/schema/examples`). Snippet ids are the real `snippetId` of their fields.
 */
const key = "acme:6543210987654321";
const site = {
  id: "4829384756473829",
  slug: "hr",
  name: { en: "Human resources", fr: "Ressources humaines" },
  defaultLang: "en",
};
const url = {
  en: "https://acme.lumapps.com/a/hr/ls/content/6543210987654321/remote-work-policy",
  fr: "https://acme.lumapps.com/a/hr/ls/content/6543210987654321/politique-de-teletravail",
};
const title = { en: "Remote work policy", fr: "Politique de télétravail" };
const tags: Tag[] = [
  {
    id: "metadata:6192837465019283",
    labels: { en: "Policies", fr: "Politiques" },
    family: { id: "5102938475610293", labels: { en: "Topic", fr: "Thème" } },
  },
  { id: "type:news", labels: { en: "News", fr: "Actualité" } },
  { id: "site:4829384756473829", labels: site.name },
];
const audience = ["5718239402934272"];
const updatedAt = "2026-03-02T09:14:31.000Z";
const publishedAt = "2026-03-01T08:00:00.000Z";

export const exampleContentUpserted: ContentUpserted = {
  schemaVersion: 1,
  kind: "content.upserted",
  sourceId: "acme",
  producedAt: "2026-03-02T09:15:00.120Z",
  key,
  content: {
    id: "6543210987654321",
    type: "news",
    site,
    status: "LIVE",
    languages: ["en", "fr"],
    title,
    excerpt: { en: "Who may work from home, and how.", fr: "Qui peut télétravailler, et comment." },
    slug: { en: "remote-work-policy", fr: "politique-de-teletravail" },
    url,
    author: { displayName: "Ada Martin" },
    createdAt: "2026-02-27T16:02:11.000Z",
    updatedAt,
    publicationDate: publishedAt,
    version: 4,
    audience,
    tags,
    template: {
      components: [
        {
          type: "row",
          cells: [
            {
              components: [
                {
                  type: "widget",
                  widgetType: "html",
                  feedKeys: [],
                  properties: { content: { en: "<h2>Who can work remotely</h2><p>Every employee…</p>" } },
                },
              ],
            },
          ],
        },
      ],
    },
  },
};

export const exampleContentDeleted: ContentDeleted = {
  schemaVersion: 1,
  kind: "content.deleted",
  sourceId: "acme",
  producedAt: "2026-03-09T10:00:02.000Z",
  key,
  contentId: "6543210987654321",
  reason: "archived",
  lastVersion: 4,
};

const snippetBase = {
  key,
  lang: "en",
  title: title.en,
  kind: "text",
  tags: tags.map((t) => t.id),
  audience,
  author: "Ada Martin",
  publishedAt,
  updatedAt,
} as const;

export const exampleSnippets: Snippet[] = [
  {
    ...snippetBase,
    id: "t4zk7ppxrsjbyrrarrvqoqsogq",
    ordinal: 0,
    prevId: null,
    nextId: "v42leqzc664zxrws6vbvprqvim",
    text: "Every employee whose role allows it may work remotely up to three days a week.",
    headingPath: ["Who can work remotely"],
    url: `${url.en}#who-can-work-remotely`,
    tags: [...snippetBase.tags],
    audience: [...audience],
    tokens: 17,
  },
  {
    ...snippetBase,
    id: "v42leqzc664zxrws6vbvprqvim",
    ordinal: 1,
    prevId: "t4zk7ppxrsjbyrrarrvqoqsogq",
    nextId: null,
    text: "The company lends a laptop and a screen; ask the IT desk.",
    headingPath: ["Equipment"],
    url: url.en,
    tags: [...snippetBase.tags],
    audience: [...audience],
    tokens: 14,
  },
];

export const exampleSnippetSet: SnippetSet = {
  schemaVersion: 1,
  kind: "snippets.upserted",
  sourceId: "acme",
  producedAt: "2026-03-02T09:15:01.870Z",
  key,
  contentId: "6543210987654321",
  sourceVersion: 4,
  sourceUpdatedAt: updatedAt,
  contentHash: "b7x4q2m3kpz6ayq2vd5e6tq4ja",
  type: "news",
  site,
  title,
  url,
  tags,
  audience,
  author: "Ada Martin",
  publishedAt,
  languages: [{ lang: "en", snippets: exampleSnippets }],
};

export const exampleSnippetsDeleted: SnippetsDeleted = {
  schemaVersion: 1,
  kind: "snippets.deleted",
  sourceId: "acme",
  producedAt: "2026-03-09T10:00:02.410Z",
  key,
  contentId: "6543210987654321",
  reason: "archived",
};

export const exampleDlqRecord: DlqRecord = {
  schemaVersion: 1,
  kind: "dlq.record",
  sourceId: "acme",
  producedAt: "2026-03-02T09:15:02.000Z",
  stage: "snippetizer",
  reason: "too_large",
  error:
    "the snippet set is 17301504 bytes, over the topic's 16777216-byte limit; split the content in LumApps",
  key,
  contentId: "6543210987654321",
  original: { topic: "lumasnip.content.v1", partition: 3, offset: "48211" },
  size: { bytes: 17301504, limit: 16777216 },
  replay:
    "pnpm --filter @lumasnip/snippetizer replay --topic lumasnip.content.v1 --partition 3 --offset 48211",
};

export const exampleManifest: Manifest = {
  schemaVersion: 1,
  key,
  sourceId: "acme",
  contentId: "6543210987654321",
  version: 3,
  sourceVersion: 4,
  contentHash: exampleSnippetSet.contentHash,
  type: "news",
  site,
  title,
  url,
  tags,
  audience,
  author: "Ada Martin",
  publishedAt,
  updatedAt,
  languages: [{ lang: "en", snippetIds: exampleSnippets.map((s) => s.id) }],
  committedAt: "2026-03-02T09:15:03.002Z",
};

export const exampleIndexEntry: IndexEntry = { key, audience, title, url, updatedAt, publishedAt };

export const exampleApiKeyRecord: ApiKeyRecord = {
  id: "key_3f9a1c2d",
  name: "assistant (prod)",
  audiences: ["*"],
  scopes: ["read"],
  trusted: true,
  createdAt: "2026-02-20T12:00:00.000Z",
  lastUsedAt: "2026-03-02T09:20:00.000Z",
};

export const exampleApiKeyCreate: ApiKeyCreate = {
  name: "assistant (prod)",
  audiences: ["*"],
  scopes: ["read"],
  trusted: true,
};

export const exampleSnippetChunk: SnippetChunk = { key, snippets: exampleSnippets };

export const exampleManifestCommit: ManifestCommit = {
  expectedVersion: 2,
  manifest: (({ version: _v, committedAt: _c, ...rest }) => rest)(exampleManifest),
};
