import { nodeProjects } from "@lumasnip/testkit/vitest";

export default nodeProjects({ broker: true });
