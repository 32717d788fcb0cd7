import { encodeHeader, encodeItem, type StateRecord } from "./codec.ts";
import { createStaging, type StagedSave, type StateChanges } from "./staging.ts";
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
   * The records a save would write once `changes` — and the stages still under way before them —
   * are applied, applying nothing yet: they go to Kafka in the same step as the events that allow
   * them (staging.ts). Settle each stage, in order, as saved, unsaved or dropped.
   */
  stage(changes: StateChanges, now?: Date): StagedSave;
  /** forgets the stages under way: one before them failed, and they were built on it */
  dropPending(): void;
  /** the entries the stages under way will apply, latest of each id (removals left out) */
  pendingItems(): IterableIterator<[string, ItemEntry]>;
  /** flags for a re-emit the entry of `id` the stages under way will apply (a rename since) */
  flagPending(id: string): void;
  header(now?: Date): StateHeader;
}

export function createSourceState(sourceId: string, loaded?: LoadedState): SourceState {
  const scopes = new Map<string, ScopeState>(Object.entries(loaded?.header?.scopes ?? {}));
  const labels = new Map<string, string>(Object.entries(loaded?.header?.labels ?? {}));
  const items = new Map<string, ItemEntry>(loaded?.items ?? []);
  const dirtyItems = new Set<string>();
  const flags = { dirtyHeader: false, labelVersion: 0 };

  const header = (now = new Date(), scopeMap = scopes): StateHeader => ({
    v: STATE_VERSION,
    kind: "fetcher.state",
    sourceId,
    savedAt: now.toISOString(),
    scopes: Object.fromEntries(scopeMap),
    labels: Object.fromEntries(labels),
  });
  const patched = (base: ScopeState | undefined, patch: Partial<ScopeState>): ScopeState => {
    const next: ScopeState = { ...base };
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
    scopes.set(id, patched(scopes.get(id), patch));
    flags.dirtyHeader = true;
  };
  const staging = createStaging({
    sourceId,
    items,
    scopes,
    dirtyItems,
    flags,
    setItem,
    updateScope,
    patched,
    header,
  });

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
      flags.dirtyHeader = true;
      flags.labelVersion++;
    },
    drain(now) {
      const records = [...dirtyItems].map((id) => encodeItem(sourceId, id, items.get(id)));
      dirtyItems.clear();
      if (flags.dirtyHeader || records.length > 0) records.push(encodeHeader(header(now)));
      flags.dirtyHeader = false;
      return records;
    },
    undrain(records) {
      const prefix = `${sourceId}/c/`;
      for (const r of records) {
        if (r.key.startsWith(prefix)) dirtyItems.add(r.key.slice(prefix.length));
        else flags.dirtyHeader = true;
      }
    },
    header,
    stage: staging.stage,
    dropPending: staging.dropPending,
    pendingItems: staging.pendingItems,
    flagPending: staging.flagPending,
  };
}
