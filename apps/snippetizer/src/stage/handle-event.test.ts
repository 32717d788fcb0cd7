import { SnippetSetSchema, SnippetsDeletedSchema } from "@lumasnip/schema";
import { exampleContentDeleted, exampleContentUpserted } from "@lumasnip/schema/examples";
import { createSnippetizer, type Snippetizer } from "@lumasnip/snippetize";
import type { KafkaMessage } from "kafkajs";
import { describe, expect, it } from "vitest";
import { handleEvent } from "./handle-event.ts";
import { DELETED } from "./last-hashes.ts";

const message = (value: unknown, key = exampleContentUpserted.key): KafkaMessage =>
  ({
    key: Buffer.from(key),
    value: Buffer.from(typeof value === "string" ? value : JSON.stringify(value)),
    offset: "0",
  }) as KafkaMessage;
const sn = createSnippetizer();
const nothing = () => undefined;

describe("handleEvent", () => {
  it("turns an upserted content into a snippet set keyed by its content key", async () => {
    const out = await handleEvent(message(exampleContentUpserted), sn, nothing);
    expect(out.kind).toBe("produce");
    if (out.kind !== "produce") return;
    expect(out.message.key).toBe(exampleContentUpserted.key);
    const set = SnippetSetSchema.parse(out.message.value);
    expect(set.languages.map((l) => l.lang)).toEqual(["en", "fr"]);
    expect(out.memo).toBe(set.contentHash);
    expect(out.snippets).toBe(2);
  });

  it("produces nothing when the set's hash is the one last produced", async () => {
    const first = await handleEvent(message(exampleContentUpserted), sn, nothing);
    const hash = first.kind === "produce" ? first.memo : "";
    expect(await handleEvent(message(exampleContentUpserted), sn, () => hash)).toMatchObject({
      kind: "unchanged",
      event: "upserted",
    });
  });

  it("turns a deleted content into snippets.deleted, once", async () => {
    const out = await handleEvent(message(exampleContentDeleted, exampleContentDeleted.key), sn, nothing);
    expect(out.kind).toBe("produce");
    if (out.kind === "produce") {
      expect(SnippetsDeletedSchema.parse(out.message.value)).toMatchObject({
        key: exampleContentDeleted.key,
        reason: exampleContentDeleted.reason,
      });
      expect(out.memo).toBe(DELETED);
    }
    expect(
      (await handleEvent(message(exampleContentDeleted, exampleContentDeleted.key), sn, () => DELETED)).kind,
    ).toBe("unchanged");
  });

  it("sends what is not a valid content event to the DLQ as invalid_event, with the reason", async () => {
    expect(await handleEvent(message("not json"), sn, nothing)).toMatchObject({
      kind: "dlq",
      reason: "invalid_event",
      error: expect.stringMatching(/not JSON/),
    });
    expect(await handleEvent(message({ kind: "content.upserted" }), sn, nothing)).toMatchObject({
      kind: "dlq",
      reason: "invalid_event",
    });
    expect(await handleEvent(message(exampleContentUpserted, "acme:other"), sn, nothing)).toMatchObject({
      kind: "dlq",
      reason: "invalid_event",
      error: expect.stringMatching(/differs/),
    });
  });

  it("sends a content the snippetizer fails on to the DLQ as snippetize_failed", async () => {
    const failing: Snippetizer = {
      settings: sn.settings,
      snippetize: async () => Promise.reject(new Error("boom")),
    };
    expect(await handleEvent(message(exampleContentUpserted), failing, nothing)).toMatchObject({
      kind: "dlq",
      reason: "snippetize_failed",
      key: exampleContentUpserted.key,
      error: expect.stringMatching(/boom/),
    });
  });
});
