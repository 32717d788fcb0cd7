import { encodeHeader, encodeItem, type StateRecord } from "./codec.ts";
import type { ItemEntry, ScopeState, StateHeader } from "./types.ts";

/** A commit's state changes: item entries (undefined removes one) and a scope patch. */
export interface StateChanges {
  items: [string, ItemEntry | undefined][];
  scope?: { id: string; patch: Partial<ScopeState> } | undefined;
}

/**
 * A commit's state records, staged before its events are sent. Settle each in staging order:
 * `saved()` (events and records acknowledged) applies the changes and marks clean what was
 * written; `unsaved()` (events acknowledged, records not) applies them for the next save;
 * `dropped()` (events not sent) applies nothing.
 */
export interface StagedSave {
  records: StateRecord[];
  saved(): void;
  unsaved(): void;
  /** true when this was the first of the stages under way (so a failure, not one dropped after it) */
  dropped(): boolean;
}

/** The source state's insides that staging works on (source-state.ts). */
export interface StateCore {
  sourceId: string;
  items: Map<string, ItemEntry>;
  scopes: Map<string, ScopeState>;
  dirtyItems: Set<string>;
  flags: { dirtyHeader: boolean; labelVersion: number };
  setItem(id: string, entry: ItemEntry | undefined): void;
  updateScope(id: string, patch: Partial<ScopeState>): void;
  patched(base: ScopeState | undefined, patch: Partial<ScopeState>): ScopeState;
  header(now: Date | undefined, scopes: Map<string, ScopeState>): StateHeader;
}

interface Pending {
  changes: StateChanges;
  items: Map<string, ItemEntry | undefined>;
  /** entries to apply flagged for a re-emit: a label they carry was renamed while under way */
  reflag: Set<string>;
}

/**
 * Stages on top of the stages still under way, so that commits can queue on the Kafka thread
 * without waiting for this one between them: a stage's records are what the state will be once
 * every earlier stage and this one are applied. An entry an earlier stage writes is left to it,
 * and the header carries every earlier stage's scope patch. When one fails, the later ones were
 * built on it: `dropPending()` forgets them (the Kafka thread refuses them too).
 */
export function createStaging(core: StateCore) {
  const pending: Pending[] = [];
  const inPending = (id: string) => pending.some((p) => p.items.has(id));
  const latest = (id: string): ItemEntry | undefined => {
    for (let i = pending.length - 1; i >= 0; i--)
      if (pending[i]!.items.has(id)) return pending[i]!.items.get(id);
    return core.items.get(id);
  };

  function stage(changes: StateChanges, now?: Date): StagedSave {
    const own = new Map(changes.items);
    const written = new Map<string, ItemEntry | undefined>();
    for (const [id, entry] of own) {
      // removing what is not there writes nothing (as setItem does)
      if (entry === undefined && latest(id) === undefined && !core.dirtyItems.has(id)) continue;
      written.set(id, entry);
    }
    for (const id of core.dirtyItems) if (!own.has(id) && !inPending(id)) written.set(id, core.items.get(id));
    const records = [...written].map(([id, entry]) => encodeItem(core.sourceId, id, entry));
    const withHeader = core.flags.dirtyHeader || changes.scope !== undefined || records.length > 0;
    if (withHeader) {
      const scopes = new Map(core.scopes);
      for (const { scope } of [...pending.map((p) => p.changes), changes])
        if (scope) scopes.set(scope.id, core.patched(scopes.get(scope.id), scope.patch));
      records.push(encodeHeader(core.header(now, scopes)));
    }
    const labelVersion = core.flags.labelVersion;
    const me: Pending = { changes, items: own, reflag: new Set() };
    pending.push(me);
    const settle = (apply: boolean) => {
      if (pending[0] !== me) throw new Error("internal: staged saves settled out of order");
      pending.shift();
      if (!apply) return;
      for (const [id, entry] of changes.items)
        core.setItem(id, entry && me.reflag.has(id) ? { ...entry, r: true } : entry);
      if (changes.scope) core.updateScope(changes.scope.id, changes.scope.patch);
    };
    return {
      records,
      saved() {
        settle(true);
        for (const [id, entry] of written) if (core.items.get(id) === entry) core.dirtyItems.delete(id);
        // the header written had every scope patch so far; it is current unless a label changed since
        if (withHeader && core.flags.labelVersion === labelVersion) core.flags.dirtyHeader = false;
      },
      unsaved: () => settle(true),
      dropped() {
        if (pending[0] !== me) return false;
        settle(false);
        return true;
      },
    };
  }

  return {
    stage,
    dropPending() {
      pending.length = 0;
    },
    /** the live entries the stages under way will apply (the latest of each id) */
    *pendingItems(): IterableIterator<[string, ItemEntry]> {
      const seen = new Set<string>();
      for (let i = pending.length - 1; i >= 0; i--)
        for (const [id, entry] of pending[i]!.items) {
          if (seen.has(id)) continue;
          seen.add(id);
          if (entry) yield [id, entry];
        }
    },
    /**
     * Flags for a re-emit the entry the stages under way will apply: its event was built before a
     * label it carries was renamed. Applied flagged (and so written by a later save).
     */
    flagPending(id: string) {
      for (const p of pending) if (p.items.get(id)) p.reflag.add(id);
    },
  };
}
