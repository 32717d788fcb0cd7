import { hash128, snippetId, urlHash } from "@lumasnip/schema";
import { describe, expect, it } from "vitest";

// The same golden vector as packages/schema/src/snippet-id.test.ts (Node): ids computed by the
// snippetizer in Node and looked up by the edge in workerd must agree bit for bit.
describe("snippet ids inside workerd", () => {
  it("match the golden vector computed in Node", async () => {
    expect(navigator.userAgent).toBe("Cloudflare-Workers");
    const id = await snippetId({
      sourceId: "acme",
      contentId: "1234567890",
      lang: "pt-BR",
      headingPath: ["Benefícios", "Saúde 🩺"],
      text: 'Plano de saúde para todos: "ver" <detalhes>.',
      occurrence: 2,
    });
    expect(id).toBe("uikzziynhnpnizvjsebu4e34zy");
  });

  it("hash like Node for the shared examples and URL index keys", async () => {
    expect(
      await snippetId({
        sourceId: "acme",
        contentId: "6543210987654321",
        lang: "en",
        headingPath: ["Who can work remotely"],
        text: "Every employee whose role allows it may work remotely up to three days a week.",
        occurrence: 0,
      }),
    ).toBe("t4zk7ppxrsjbyrrarrvqoqsogq");
    expect(await urlHash("https://ACME.lumapps.com/a/hr/news/#top")).toBe(
      await hash128("https://acme.lumapps.com/a/hr/news"),
    );
  });
});
