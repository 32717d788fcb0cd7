import { afterAll, beforeAll, beforeEach } from "vitest";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "./simulator.ts";

/**
 * One simulator for a test file: started in beforeAll, closed in afterAll and, unless `reset` is
 * false, its faults and counters cleared before each test. The returned object is filled in by
 * beforeAll, so use it inside hooks and tests only.
 */
export function useSimulator(
  options: SimulatorOptions = { seed: "fixture" },
  { reset = true }: { reset?: boolean } = {},
): RunningSimulator {
  const sim = {} as RunningSimulator;
  let started: RunningSimulator | undefined;
  beforeAll(async () => {
    started = await startSimulator(options);
    Object.assign(sim, started);
  });
  afterAll(async () => {
    await started?.close();
  });
  if (reset)
    beforeEach(() => {
      sim.control.clearFaults();
      sim.control.resetCounters();
    });
  return sim;
}
