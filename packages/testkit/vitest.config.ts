import { nodeProjects } from "./src/vitest.ts";

export default nodeProjects();
