import { join } from "node:path";
import { type ProcessResult, repoRoot, runProcess } from "@lumasnip/testkit";

/** Runs one of the repo's operator scripts (`pnpm dlq`, `pnpm reprocess`: scripts/*.ts) as a real process. */
export function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<ProcessResult> {
  return runProcess(process.execPath, [join(repoRoot, "scripts", script), ...args], { cwd: repoRoot, env });
}
