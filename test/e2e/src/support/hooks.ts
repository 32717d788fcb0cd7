import { afterAll, afterEach } from "vitest";
import type { Stack } from "./stack.ts";

const setupFailed = new WeakSet<Stack>();

/**
 * Prints every app's log tail when a test of the file fails, and closes the stack after the file.
 * After a failure the full logs stay in the stack's temp dir (named in the output).
 */
export function stackHooks(get: () => Stack | undefined): void {
  let failed = false;
  afterEach((ctx) => {
    const stack = get();
    if (ctx.task.result?.state === "fail") failed = true;
    if (stack && ctx.task.result?.state === "fail") {
      console.error(
        `\n=== app logs of the failed test "${ctx.task.name}" (full logs in ${stack.dir}/logs) ===\n${stack.logs(60)}`,
      );
    }
  });
  afterAll(async () => {
    const stack = get();
    await stack?.close({ keepLogs: failed || (stack !== undefined && setupFailed.has(stack)) });
  });
}

/** Runs the setup; on failure prints the logs before rethrowing (beforeAll failures skip afterEach). */
export async function withLogs<T>(stack: Stack | undefined, what: () => Promise<T>): Promise<T> {
  try {
    return await what();
  } catch (error) {
    if (stack) {
      setupFailed.add(stack);
      console.error(`\n=== app logs (full logs in ${stack.dir}/logs) ===\n${stack.logs(60)}`);
    }
    throw error;
  }
}
