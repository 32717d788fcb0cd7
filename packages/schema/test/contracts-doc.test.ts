import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { repoRoot } from "@lumasnip/testkit";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import * as schema from "../src/index.ts";

// docs/contracts.md is part of the contract: its examples must parse and its lists must be whole
const doc = readFileSync(resolve(repoRoot, "docs/contracts.md"), "utf8");

const examples = [...doc.matchAll(/<!-- schema: (\w+) -->\n```json\n([\s\S]*?)```/g)].map((m) => ({
  name: m[1]!,
  json: m[2]!,
}));

describe("docs/contracts.md", () => {
  it("has an example of every event kind", () => {
    const kinds = examples.map((e) => (JSON.parse(e.json) as { kind: string }).kind);
    expect(kinds.sort()).toEqual([
      "content.deleted",
      "content.upserted",
      "dlq.record",
      "snippets.deleted",
      "snippets.upserted",
    ]);
  });

  it.each(examples.map((e, i) => [i, e.name, e.json] as const))(
    "example %i parses as %s",
    (_i, name, json) => {
      const s = (schema as unknown as Record<string, z.ZodType>)[name];
      expect(s, `${name} is not exported by @lumasnip/schema`).toBeDefined();
      const result = s!.safeParse(JSON.parse(json));
      expect(result.success ? "ok" : schema.formatZodError(result.error)).toBe("ok");
    },
  );

  it("names every topic, closed-set value and limit the code has", () => {
    const values = [
      ...Object.values(schema.topicNames("p")).map((t) => t.replace(/^p\./, "<prefix>.")),
      ...schema.DeleteReasonSchema.options,
      ...schema.DlqReasonSchema.options,
      ...schema.DlqStageSchema.options,
      ...schema.ErrorCodeSchema.options,
      ...schema.ScopeSchema.options,
      ...schema.SnippetKindSchema.options,
      ...schema.EmptyFeedKeysPolicySchema.options,
      schema.AUDIENCE_HEADER,
      String(schema.MAX_MESSAGE_BYTES),
      String(schema.ADMIN_MAX_SNIPPETS_PER_CHUNK),
      String(schema.KV_MAX_KEY_BYTES),
    ];
    const missing = values.filter((v) => !doc.includes(v));
    expect(missing).toEqual([]);
  });

  it("states the snippet-id golden vector the tests check", async () => {
    const id = await schema.snippetId({
      sourceId: "acme",
      contentId: "1234567890",
      lang: "pt-BR",
      headingPath: ["Benefícios", "Saúde 🩺"],
      text: 'Plano de saúde para todos: "ver" <detalhes>.',
      occurrence: 2,
    });
    expect(doc).toContain(`->   ${id}`);
  });
});
