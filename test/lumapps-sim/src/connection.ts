import type { RunningSimulator } from "./simulator.ts";

/**
 * The LumApps connection settings that reach `sim` as its service user; the application secret is
 * left out, as the fetcher's config files take it from elsewhere (`sim.app.secret`).
 */
export function simulatorConnection(sim: RunningSimulator) {
  return {
    organizationId: sim.org,
    applicationId: sim.app.applicationId,
    authorizedUserId: sim.serviceUser.id,
    cell: sim.url,
  };
}
