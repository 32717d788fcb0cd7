import { nodeProjects } from "@lumasnip/testkit/vitest";

// whole-pipeline tests wait for eventual outcomes with generous bounds of their own (up to 5 min
// after a broker restart on a loaded 2-core machine): the per-test limit only catches a hang
export default nodeProjects({ broker: true, integrationTimeout: 600_000 });
