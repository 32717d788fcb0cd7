import { z } from "zod";
import { createRandom } from "./random.ts";

export const faultKinds = [
  "latency",
  "server-error",
  "rate-limit",
  "reset",
  "slow-page",
  "break-cursor",
] as const;
export type FaultKind = (typeof faultKinds)[number];

/** A fault to inject on one route (or `*`: every API route, token endpoint included). */
export const faultSpecSchema = z.strictObject({
  route: z.string().min(1),
  kind: z.enum(faultKinds),
  /** how many matching requests it hits, then it is gone (default: until removed) */
  times: z.number().int().positive().optional(),
  /** the chance it hits each matching request (default 1) */
  rate: z.number().min(0).max(1).optional(),
  /** matching requests let through before it starts hitting */
  skip: z.number().int().nonnegative().optional(),
  /** latency: the delay; slow-page: the time the body takes to trickle out */
  ms: z.number().int().nonnegative().optional(),
  /** server-error: the status (500-599, default 503) */
  status: z.number().int().min(500).max(599).optional(),
  /** rate-limit: Retry-After in seconds (number) or as an HTTP date (string); null: no header */
  retryAfter: z.union([z.number().nonnegative(), z.string(), z.null()]).optional(),
  /** break-cursor: more without a cursor, the request's cursor again, or a 400 for the cursor */
  mode: z.enum(["missing", "repeat", "invalid"]).optional(),
});
export type FaultSpec = z.infer<typeof faultSpecSchema>;

export interface FaultState extends FaultSpec {
  id: string;
  hits: number;
}

export interface Faults {
  add(spec: FaultSpec): string;
  remove(id: string): boolean;
  clear(): void;
  list(): FaultState[];
  /** the faults that hit this request (consumes `times`/`skip`) */
  take(route: string, request: { hasCursor: boolean }): FaultState[];
}

export function createFaults(randomSeed = 1): Faults {
  const random = createRandom(randomSeed);
  const active = new Map<string, FaultState & { skipped: number }>();
  let next = 1;
  return {
    add(spec) {
      const parsed = faultSpecSchema.parse(spec);
      const id = `f${next++}`;
      active.set(id, { ...parsed, id, hits: 0, skipped: 0 });
      return id;
    },
    remove: (id) => active.delete(id),
    clear: () => active.clear(),
    list: () => [...active.values()].map(({ skipped: _s, ...f }) => ({ ...f })),
    take(route, request) {
      const hit: FaultState[] = [];
      for (const fault of active.values()) {
        if (fault.route !== "*" && fault.route !== route) continue;
        // a cursor breaks mid-listing: the first page carries no cursor to break
        if (fault.kind === "break-cursor" && !request.hasCursor) continue;
        if (fault.skipped < (fault.skip ?? 0)) {
          fault.skipped++;
          continue;
        }
        if (fault.rate !== undefined && random() >= fault.rate) continue;
        fault.hits++;
        hit.push({ ...fault });
        if (fault.times !== undefined && fault.hits >= fault.times) active.delete(fault.id);
      }
      return hit;
    },
  };
}
