import { describe, expect, it } from "vitest";
import { audienceFingerprint, widgetRestrictions } from "./fingerprint.ts";

const template = (widgetKeys: unknown) => ({
  components: [
    {
      type: "row",
      cells: [
        {
          type: "cell",
          components: [
            {
              type: "widget",
              widgetType: "html",
              uuid: "w1",
              feedKeys: widgetKeys,
              properties: { content: { en: "<p>x</p>" } },
            },
            { type: "widget", widgetType: "title", uuid: "w2", feedKeys: [] },
          ],
        },
      ],
    },
  ],
});

describe("audience fingerprints", () => {
  it("is the same for a whole content and for the reconcile projection of it", () => {
    const whole = template(["g2", "g1"]);
    const projected = {
      components: [
        {
          type: "row",
          cells: [
            {
              type: "cell",
              components: [
                { type: "widget", uuid: "w1", feedKeys: ["g1", "g2"] },
                { type: "widget", uuid: "w2", feedKeys: [] },
              ],
            },
          ],
        },
      ],
    };
    expect(audienceFingerprint(["a"], whole, "everyone")).toBe(
      audienceFingerprint(["a"], projected, "everyone"),
    );
  });

  it("changes when the content's feedKeys change, even with the same updatedAt", () => {
    expect(audienceFingerprint(["a"], template([]), "everyone")).not.toBe(
      audienceFingerprint(["a", "b"], template([]), "everyone"),
    );
  });

  it("changes when a widget is narrowed", () => {
    expect(audienceFingerprint(["a"], template([]), "everyone")).not.toBe(
      audienceFingerprint(["a"], template(["g9"]), "everyone"),
    );
  });

  it("records a malformed widget feedKeys as unreadable", () => {
    expect(widgetRestrictions(template("everyone"))).toEqual(["w1=!unreadable", "w2="]);
  });

  it("depends on the empty-audience policy", () => {
    expect(audienceFingerprint([], undefined, "everyone")).not.toBe(
      audienceFingerprint([], undefined, "nobody"),
    );
  });
});
