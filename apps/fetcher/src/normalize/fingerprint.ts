import { hash } from "node:crypto";
import { type Audience, contentAudience, type EmptyFeedKeysPolicy } from "@lumasnip/schema";

/**
 * The widgets that narrow the audience, in reading order, as `uuid=groups`. Only `type`, `uuid`,
 * `feedKeys`, `cells` and `components` are read, so the small projection a reconcile lists
 * (RECONCILE_FIELDS) and a whole content give the same answer. A malformed `feedKeys` is
 * recorded as such: it fails closed downstream, and a change to or from it is an audience change.
 */
export function widgetRestrictions(template: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const [i, child] of node.entries()) walk(child, `${path}.${i}`);
      return;
    }
    const n = node as Record<string, unknown>;
    if (
      "feedKeys" in n &&
      n.feedKeys !== undefined &&
      n.feedKeys !== null &&
      n.type !== "row" &&
      n.type !== "cell"
    ) {
      const id = typeof n.uuid === "string" && n.uuid !== "" ? n.uuid : path;
      out.push(`${id}=${describeKeys(n.feedKeys)}`);
    }
    if (n.cells !== undefined) walk(n.cells, `${path}.c`);
    if (n.components !== undefined) walk(n.components, `${path}.w`);
  };
  if (template && typeof template === "object") walk((template as { components?: unknown }).components, "t");
  return out;
}

function describeKeys(feedKeys: unknown): string {
  if (!Array.isArray(feedKeys)) return "!unreadable";
  if (feedKeys.length === 0) return "";
  if (!feedKeys.every((k) => typeof k === "string" || typeof k === "number")) return "!unreadable";
  return [...new Set(feedKeys.map(String))].sort().join(",");
}

/**
 * A short fingerprint of who may read what in a content: its effective audience and every
 * widget restriction. A reconcile compares it with what was last emitted, because LumApps may
 * change an audience without bumping `updatedAt` or `version`.
 */
export function audienceFingerprint(
  feedKeys: unknown,
  template: unknown,
  policy: EmptyFeedKeysPolicy,
): string {
  return fingerprintOf(contentAudience(feedKeys, policy), widgetRestrictions(template));
}

export function fingerprintOf(audience: Audience, widgets: string[]): string {
  const text = JSON.stringify([audience, widgets.filter((w) => !w.endsWith("="))]);
  // the one-shot hash: one per listed item, the Hash object's set-up cost more than the digest
  return hash("sha256", text, "base64url").slice(0, 16);
}

/**
 * The `fields` projection of a reconcile listing: ids, change markers, dates, tags and every
 * widget's `feedKeys` down to eight levels of nested rows (deeper layouts are not made by the
 * LumApps editor; a deeper widget's restriction is still caught when its content changes).
 */
export const RECONCILE_FIELDS = (() => {
  let node = "type,uuid,feedKeys";
  for (let depth = 0; depth < 8; depth++)
    node = `type,uuid,feedKeys,cells(type,uuid,feedKeys,components(${node}))`;
  const item = [
    "id",
    "uid",
    "type",
    "customContentType",
    "instance",
    "status",
    "version",
    "updatedAt",
    "publicationDate",
    "endDate",
    "feedKeys",
    "metadata",
    `template(components(${node}))`,
  ];
  return `items(${item.join(",")}),more,cursor`;
})();
