import type { CounterSnapshot, Counters } from "./server/counters.ts";
import type { FaultSpec, FaultState, Faults } from "./server/faults.ts";
import type { Tokens } from "./server/tokens.ts";
import { applyChange, type Change, type ChangeResult } from "./store/changes.ts";
import type { Store } from "./store/store.ts";
import { createTicker, type Ticker, type TickerOptions } from "./ticker.ts";
import type { SimContent, SimInstance, SimMetadata } from "./types.ts";

/** What tests (and `/_sim/...` over HTTP) use to change, break and observe the simulator. */
export interface SimControl {
  /** every content as stored (any status), or one */
  contents(): SimContent[];
  content(id: string): SimContent | undefined;
  instances(): SimInstance[];
  metadata(): SimMetadata[];

  /** the generic form of every change below */
  apply(change: Change): ChangeResult;
  create(input?: Omit<Extract<Change, { kind: "create" }>, "kind">): SimContent;
  edit(id: string, input?: Omit<Extract<Change, { kind: "edit" }>, "kind" | "id">): SimContent;
  archive(id: string): SimContent;
  restore(id: string): SimContent;
  delete(id: string): void;
  setAudience(id: string, feedKeys: string[], options?: { bumpUpdatedAt?: boolean }): SimContent;
  setWidgetAudience(
    id: string,
    feedKeys: string[],
    options?: { widgetUuid?: string; bumpUpdatedAt?: boolean },
  ): SimContent;
  renameMetadata(id: string, name: Record<string, string>): SimMetadata;
  addDraftRevision(id: string, options?: { title?: Record<string, string> }): SimContent;
  setDates(
    id: string,
    dates: { endDate?: string | null; publicationDate?: string | null },
    options?: { bumpUpdatedAt?: boolean },
  ): SimContent;
  /** the changes made so far (by tests, the HTTP API or the ticker), oldest first */
  changeLog(): ChangeResult[];

  addFault(spec: FaultSpec): string;
  removeFault(id: string): boolean;
  clearFaults(): void;
  faults(): FaultState[];

  counters(): CounterSnapshot;
  resetCounters(): void;

  /** every token minted so far answers 401 from now on */
  revokeTokens(): void;
  /** moves the simulator's clock (token expiry, endDate/publicationDate) forward */
  advanceClock(ms: number): void;
  now(): Date;

  startTicker(options?: TickerOptions): void;
  stopTicker(): void;
}

export function createControl(deps: {
  store: Store;
  faults: Faults;
  counters: Counters;
  tokens: Tokens;
  log: (line: Record<string, unknown>) => void;
}): SimControl {
  const { store, faults, counters, tokens } = deps;
  const changeLog: ChangeResult[] = [];
  let ticker: Ticker | undefined;
  const apply = (change: Change) => {
    const result = applyChange(store, change);
    changeLog.push({ kind: result.kind, id: result.id, at: result.at });
    if (changeLog.length > 10_000) changeLog.shift();
    return result;
  };
  const content = (change: Change) => apply(change).content!;
  const control: SimControl = {
    contents: () => [...store.contents.values()],
    content: (id) => store.contents.get(id),
    instances: () => [...store.instances],
    metadata: () => [...store.metadata.values()],
    apply,
    create: (input = {}) => content({ kind: "create", ...input }),
    edit: (id, input = {}) => content({ kind: "edit", id, ...input }),
    archive: (id) => content({ kind: "archive", id }),
    restore: (id) => content({ kind: "restore", id }),
    delete: (id) => {
      apply({ kind: "delete", id });
    },
    setAudience: (id, feedKeys, options = {}) => content({ kind: "audience", id, feedKeys, ...options }),
    setWidgetAudience: (id, feedKeys, options = {}) =>
      content({ kind: "widget-audience", id, feedKeys, ...options }),
    renameMetadata: (id, name) => apply({ kind: "rename-metadata", id, name }).metadata!,
    addDraftRevision: (id, options = {}) => content({ kind: "draft", id, ...options }),
    setDates: (id, dates, options = {}) => content({ kind: "dates", id, ...dates, ...options }),
    changeLog: () => [...changeLog],
    addFault: (spec) => faults.add(spec),
    removeFault: (id) => faults.remove(id),
    clearFaults: () => faults.clear(),
    faults: () => faults.list(),
    counters: () => counters.snapshot(),
    resetCounters: () => counters.reset(),
    revokeTokens: () => tokens.revokeAll(),
    advanceClock: (ms) => store.clock.advance(ms),
    now: () => new Date(store.clock.nowMs()),
    startTicker(options) {
      ticker?.stop();
      ticker = createTicker(control, options, deps.log);
    },
    stopTicker() {
      ticker?.stop();
      ticker = undefined;
    },
  };
  return control;
}
