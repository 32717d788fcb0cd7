import type { Seed, SimContent, SimContentType, SimGroup, SimInstance, SimMetadata } from "../types.ts";
import { type Clock, createClock } from "./clock.ts";

/** The simulator's in-memory state: what the API serves and the changes mutate. */
export interface Store {
  customer: string;
  clock: Clock;
  instances: SimInstance[];
  contents: Map<string, SimContent>;
  metadata: Map<string, SimMetadata>;
  contentTypes: SimContentType[];
  groups: SimGroup[];
  /** bumped by every change: listings cache their sorted query results per revision */
  revision: number;
}

export function createStore(seed: Seed, clock: Clock = createClock()): Store {
  const contents = new Map<string, SimContent>();
  for (const c of seed.contents) {
    if (contents.has(c.id)) throw new Error(`seed has two contents with id ${c.id}`);
    contents.set(c.id, c);
  }
  return {
    customer: seed.customer,
    clock,
    instances: [...seed.instances],
    contents,
    metadata: new Map(seed.metadata.map((m) => [m.id, m])),
    contentTypes: [...seed.customContentTypes],
    groups: [...seed.groups],
    revision: 0,
  };
}
