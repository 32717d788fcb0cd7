import {
  type ItemEntry,
  ItemEntrySchema,
  type LoadedState,
  type StateHeader,
  StateHeaderSchema,
} from "./types.ts";

/**
 * The state topic is a table (compacted): one header record per source (key `<sourceId>`) and one
 * record per item (key `<sourceId>/c/<contentId>`), removed by a tombstone. A page of a sync
 * therefore writes only the entries it changed, and the topic stays proportional to the items.
 */
export const headerKey = (sourceId: string) => sourceId;
export const itemKey = (sourceId: string, contentId: string) => `${sourceId}/c/${contentId}`;

export interface StateRecord {
  key: string;
  /** null: a tombstone */
  value: Buffer | null;
}

export function encodeHeader(header: StateHeader): StateRecord {
  return { key: headerKey(header.sourceId), value: Buffer.from(JSON.stringify(header)) };
}

export function encodeItem(sourceId: string, contentId: string, entry: ItemEntry | undefined): StateRecord {
  return { key: itemKey(sourceId, contentId), value: entry ? Buffer.from(JSON.stringify(entry)) : null };
}

/** Applies one record of the topic to a state being loaded; records of other sources are ignored. */
export function applyRecord(
  sourceId: string,
  state: LoadedState,
  key: string,
  value: Buffer | null,
): "header" | "item" | "ignored" | { invalid: string } {
  if (key === headerKey(sourceId)) {
    if (value === null) {
      state.header = undefined;
      return "header";
    }
    const parsed = StateHeaderSchema.safeParse(parseJson(value));
    if (!parsed.success) return { invalid: `header: ${parsed.error.issues[0]?.message ?? "unreadable"}` };
    state.header = parsed.data;
    return "header";
  }
  const prefix = `${sourceId}/c/`;
  if (!key.startsWith(prefix)) return "ignored";
  const id = key.slice(prefix.length);
  if (value === null) {
    state.items.delete(id);
    return "item";
  }
  const parsed = ItemEntrySchema.safeParse(parseJson(value));
  if (!parsed.success) return { invalid: `item ${id}: ${parsed.error.issues[0]?.message ?? "unreadable"}` };
  state.items.set(id, parsed.data);
  return "item";
}

function parseJson(value: Buffer): unknown {
  try {
    return JSON.parse(value.toString("utf8"));
  } catch {
    return undefined;
  }
}
