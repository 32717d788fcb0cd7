import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Worker tests run inside workerd with real local KV (each test file gets isolated storage);
// Node-side tests (CLI, publisher, benchmarks' helpers) run in a plain Node project.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.jsonc" },
            miniflare: {
              bindings: { ADMIN_SECRET: "test-admin-secret-0123456789abcdef", EXPOSE_KV_OPS: "true" },
            },
          }),
        ],
        test: {
          name: "worker",
          include: ["test/**/*.worker.test.ts"],
          // the first request of a file builds the isolate: slow on a shared 2-core machine
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          exclude: ["**/*.worker.test.ts", "**/*.int.test.ts", "**/node_modules/**"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/**/*.int.test.ts", "src/**/*.int.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
