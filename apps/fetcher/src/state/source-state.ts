import { encodeHeader, encodeItem, type StateRecord } from "./codec.ts";
import {
  type ItemEntry,
  type LoadedState,
  type ScopeState,
  STATE_VERSION,
  type StateHeader,
} from "./types.ts";

/**
 * The state of one source in memory, tracking what changed so that a save writes only the header
 * and the changed item entries. One fetcher per source owns it (the source lock).
 */
export interface SourceState {
  readonly sourceId: string;
  scope(id: string): Readonly<ScopeState>;
  updateScope(id: string, patch: Partial<ScopeState>): void;
  scopeIds(): string[];
  item(id: string): ItemEntry | undefined;
  setItem(id: string, entry: ItemEntry | undefined): void;
  items(): IterableIterator<[string, ItemEntry]>;
  itemCount(): number;
  label(key: string): string | undefined;
  setLabel(key: string, fingerprint: string): void;
  /** records for everything changed since the last drain (header last) */
  drain(now?: Date): StateRecord[];
  /** puts drained records back in the queue after a failed save */
  undrain(records: StateRecord[]): void;
  /**
   * The records a save would write once `changes` are applied (with everything else changed
   * since the last drain), applying nothing yet: they can go to Kafka in the same step as the
   * events that allow them. Then `saved()` applies the changes and marks clean what was written
   * (an entry changed again meanwhile stays dirty); `unsaved()` applies them for the next save.
   */
  stage(changes: StateChanges, now?: Date): StagedSave;
  header(now?: Date): StateHeader;
}

/** A commit's state changes: item entries (undefined removes one) and a scope patch. */
export interface StateChanges {
  items: [string, ItemEntry | undefined][];
  scope?: { id: string; patch: Partial<ScopeState> } | undefined;
}

export interface StagedSave {
  records: StateRecord[];
  saved(): void;
  unsaved(): void;
}

export function createSourceState(sourceId: string, loaded?: LoadedState): SourceState {
  const scopes = new Map<string, ScopeState>(Object.entries(loaded?.header?.scopes ?? {}));
  const labels = new Map<string, string>(Object.entries(loaded?.header?.labels ?? {}));
  const items = new Map<string, ItemEntry>(loaded?.items ?? []);
  const dirtyItems = new Set<string>();
  let dirtyHeader = false;
  /** counts header changes, so a save can tell whether the header changed after it was staged */
  let headerVersion = 0;

  const header = (now = new Date(), scopeMap = scopes): StateHeader => ({
    v: STATE_VERSION,
    kind: "fetcher.state",
    sourceId,
    savedAt: now.toISOString(),
    scopes: Object.fromEntries(scopeMap),
    labels: Object.fromEntries(labels),
  });
  const patched = (id: string, patch: Partial<ScopeState>): ScopeState => {
    const next: ScopeState = { ...scopes.get(id) };
    for (const [k, v] of Object.entries(patch) as [keyof ScopeState, unknown][]) {
      if (v === undefined) delete next[k];
      else (next as Record<string, unknown>)[k] = v;
    }
    return next;
  };
  const setItem = (id: string, entry: ItemEntry | undefined) => {
    if (entry) items.set(id, entry);
    else if (!items.delete(id)) return;
    dirtyItems.add(id);
  };
  const updateScope = (id: string, patch: Partial<ScopeState>) => {
    scopes.set(id, patched(id, patch));
    dirtyHeader = true;
    headerVersion++;
  };

  return {
    sourceId,
    scope: (id) => scopes.get(id) ?? {},
    updateScope,
    scopeIds: () => [...scopes.keys()],
    item: (id) => items.get(id),
    setItem,
    items: () => items.entries(),
    itemCount: () => items.size,
    label: (key) => labels.get(key),
    setLabel(key, fingerprint) {
      if (labels.get(key) === fingerprint) return;
      labels.set(key, fingerprint);
      dirtyHeader = true;
      headerVersion++;
    },
    drain(now) {
      const records = [...dirtyItems].map((id) => encodeItem(sourceId, id, items.get(id)));
      dirtyItems.clear();
      if (dirtyHeader || records.length > 0) records.push(encodeHeader(header(now)));
      dirtyHeader = false;
      return records;
    },
    undrain(records) {
      const prefix = `${sourceId}/c/`;
      for (const r of records) {
        if (r.key.startsWith(prefix)) dirtyItems.add(r.key.slice(prefix.length));
        else dirtyHeader = true;
      }
    },
    header,
    stage(changes, now) {
      const next = new Map(changes.items);
      const written = new Map<string, ItemEntry | undefined>();
      for (const id of new Set([...dirtyItems, ...next.keys()])) {
        const entry = next.has(id) ? next.get(id) : items.get(id);
        // removing what was never there writes nothing (as setItem does)
        if (entry === undefined && !items.has(id) && !dirtyItems.has(id)) continue;
        written.set(id, entry);
      }
      const records = [...written].map(([id, entry]) => encodeItem(sourceId, id, entry));
      const withHeader = dirtyHeader || changes.scope !== undefined || records.length > 0;
      if (withHeader) {
        const scopeMap = new Map(scopes);
        if (changes.scope) scopeMap.set(changes.scope.id, patched(changes.scope.id, changes.scope.patch));
        records.push(encodeHeader(header(now, scopeMap)));
      }
      const apply = () => {
        for (const [id, entry] of changes.items) setItem(id, entry);
        if (changes.scope) updateScope(changes.scope.id, changes.scope.patch);
      };
      const stagedAt = headerVersion + (changes.scope ? 1 : 0);
      return {
        records,
        saved() {
          apply();
          for (const [id, entry] of written) if (items.get(id) === entry) dirtyItems.delete(id);
          if (withHeader && headerVersion === stagedAt) dirtyHeader = false;
        },
        unsaved: apply,
      };
    },
  };
}
