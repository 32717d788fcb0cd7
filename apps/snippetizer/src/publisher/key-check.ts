import type { Logger } from "@lumasnip/service";
import type { EdgeAdmin } from "./edge-client.ts";
import { EdgeKeyRefusedError } from "./errors.ts";

/** A valid content key no source uses: reading its manifest costs the edge one KV read. */
const PROBE_KEY = "lumasnip:publisher-key-check";

/**
 * Reads one manifest before the publisher joins its group, so a key the edge refuses stops it at
 * once (and a supervisor's restart loop costs the group no rebalance). Any other failure, an
 * outage included, lets it start: the consume loop waits an outage out.
 */
export async function checkEdgeKey(edge: EdgeAdmin, log: Logger): Promise<void> {
  try {
    await edge.getManifest(PROBE_KEY);
  } catch (error) {
    if (error instanceof EdgeKeyRefusedError) throw error;
    log.warn({ err: error }, "could not check the edge key at start, going on");
  }
}
