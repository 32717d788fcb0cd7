import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ContentEventSchema } from "./events/content.ts";
import { exampleContentUpserted } from "./examples.ts";
import { formatIssuePath, formatZodError } from "./format-error.ts";

describe("formatZodError", () => {
  it("joins issues with '; ' and says how many it left out", () => {
    const result = z.object({ a: z.string(), b: z.string(), c: z.string() }).safeParse({});
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(formatZodError(result.error)).toBe(
      "a: missing, expected string; b: missing, expected string; c: missing, expected string",
    );
    expect(formatZodError(result.error, { maxIssues: 1 })).toBe("a: missing, expected string; and 2 more");
  });

  it("never repeats the input's values, so text and secrets stay out of DLQ records", () => {
    const secret = "Bearer sk_live_do_not_log";
    const input = {
      ...exampleContentUpserted,
      sourceId: secret,
      content: { ...exampleContentUpserted.content, title: { en: 42, [secret]: "x" } },
    };
    const result = ContentEventSchema.safeParse(input);
    expect(result.success).toBe(false);
    if (result.success) return;
    const text = formatZodError(result.error, { maxIssues: 50 });
    expect(text).toMatch(/sourceId: a source id is/);
    expect(text).toMatch(/content\.title\.en: expected string, got number/);
    // the bad key is part of the path: that much is needed to find the problem
    expect(text.replaceAll(`["${secret}"]`, "")).not.toContain("sk_live");
  });

  it("says 'missing' for a required unknown-typed field", () => {
    const { template: _t, ...content } = exampleContentUpserted.content;
    const result = ContentEventSchema.safeParse({ ...exampleContentUpserted, content });
    expect(result.success).toBe(false);
    if (!result.success) expect(formatZodError(result.error)).toBe("content.template: missing");
  });
});

describe("formatIssuePath", () => {
  it.each([
    [[], "(root)"],
    [["content", "updatedAt"], "content.updatedAt"],
    [["languages", 0, "snippets", 12, "id"], "languages[0].snippets[12].id"],
    [[3], "[3]"],
    [["title", "pt-BR"], 'title["pt-BR"]'],
    [["title", "pt_br"], "title.pt_br"],
    [["a b"], '["a b"]'],
  ])("writes %j as %s", (path, out) => {
    expect(formatIssuePath(path)).toBe(out);
  });
});
