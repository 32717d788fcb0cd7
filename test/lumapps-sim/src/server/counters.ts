/** Request counters per route and status, and tokens minted: what tests assert retries against. */
export interface CounterSnapshot {
  requests: Record<string, number>;
  statuses: Record<string, Record<string, number>>;
  tokensMinted: number;
}

export interface Counters {
  request(route: string): void;
  status(route: string, status: number): void;
  tokenMinted(): void;
  snapshot(): CounterSnapshot;
  reset(): void;
}

export function createCounters(): Counters {
  let requests: Record<string, number> = {};
  let statuses: Record<string, Record<string, number>> = {};
  let tokensMinted = 0;
  return {
    request(route) {
      requests[route] = (requests[route] ?? 0) + 1;
    },
    status(route, status) {
      statuses[route] ??= {};
      const byStatus = statuses[route];
      byStatus[status] = (byStatus[status] ?? 0) + 1;
    },
    tokenMinted() {
      tokensMinted++;
    },
    snapshot: () => structuredClone({ requests, statuses, tokensMinted }),
    reset() {
      requests = {};
      statuses = {};
      tokensMinted = 0;
    },
  };
}
