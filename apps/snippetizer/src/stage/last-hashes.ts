/**
 * What the stage last produced per content key (a set's content hash, or `deleted`), so a
 * redelivered or re-emitted unchanged content produces nothing. In memory and bounded (least
 * recently produced keys are forgotten first): after a restart it is empty, and a redelivery
 * re-emits an identical set, which consumers skip by its content hash (docs/snippets.md).
 */
export interface LastHashes {
  get(key: string): string | undefined;
  set(key: string, hash: string): void;
  readonly size: number;
}

export const DELETED = "deleted";

export function createLastHashes(capacity: number): LastHashes {
  const map = new Map<string, string>();
  return {
    get: (key) => map.get(key),
    set(key, hash) {
      if (capacity === 0) return;
      map.delete(key); // re-insert: Map order is the recency order
      map.set(key, hash);
      if (map.size > capacity) map.delete(map.keys().next().value!);
    },
    get size() {
      return map.size;
    },
  };
}
