import { fileURLToPath } from "node:url";
import { defineConfig, type ViteUserConfig } from "vitest/config";

export interface NodeProjectsOptions {
  /** integration tests need a Kafka broker (KAFKA_BROKERS); the root `pnpm test` provides one */
  broker?: boolean;
  /** per-test timeout of the integration project, ms */
  integrationTimeout?: number;
}

const requireBroker = fileURLToPath(new URL("./require-broker.ts", import.meta.url));

/**
 * The shared vitest setup of every Node package: a `unit` project (`src/**\/*.test.ts`, pure and
 * fast) and an `integration` project (`*.int.test.ts`: real broker, real HTTP, real processes).
 */
export function nodeProjects(options: NodeProjectsOptions = {}): ViteUserConfig {
  const timeout = options.integrationTimeout ?? 120_000;
  return defineConfig({
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: "unit",
            include: ["src/**/*.test.ts", "test/**/*.test.ts"],
            // generous: CI machines are shared and 2-core; a unit test that needs more is misfiled
            testTimeout: 30_000,
            exclude: ["**/*.int.test.ts", "**/node_modules/**"],
          },
        },
        {
          extends: true,
          test: {
            name: "integration",
            include: ["src/**/*.int.test.ts", "test/**/*.int.test.ts"],
            testTimeout: timeout,
            hookTimeout: timeout,
            // integration files share one broker and machine: run them one file at a time
            fileParallelism: false,
            globalSetup: options.broker ? [requireBroker] : [],
          },
        },
      ],
    },
  });
}
