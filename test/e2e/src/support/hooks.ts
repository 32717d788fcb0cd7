import { afterAll, afterEach } from "vitest";
import type { Stack } from "./stack.ts";

/**
 * Prints every app's log tail when a test of the file fails, and closes the stack after the file.
 * The full logs stay in the stack's temp dir (named in the output).
 */
export function stackHooks(get: () => Stack | undefined): void {
  afterEach((ctx) => {
    const stack = get();
    if (stack && ctx.task.result?.state === "fail") {
      console.error(
        `\n=== app logs of the failed test "${ctx.task.name}" (full logs in ${stack.dir}/logs) ===\n${stack.logs(60)}`,
      );
    }
  });
  afterAll(async () => {
    await get()?.close();
  });
}

/** Runs the setup; on failure prints the logs before rethrowing (beforeAll failures skip afterEach). */
export async function withLogs<T>(stack: Stack | undefined, what: () => Promise<T>): Promise<T> {
  try {
    return await what();
  } catch (error) {
    if (stack) console.error(`\n=== app logs (full logs in ${stack.dir}/logs) ===\n${stack.logs(60)}`);
    throw error;
  }
}
