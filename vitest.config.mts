import { defineConfig } from "vitest/config";
import path from "node:path";

// Two projects: pure unit tests (no database) and integration tests against a
// real Postgres (DATABASE_URL is set by scripts/test.mjs or .ci/run).
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "server/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        resolve: { alias: { "server-only": path.resolve(import.meta.dirname, "tests/server-only-stub.ts") } },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.int.test.ts", "lib/**/*.int.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          globalSetup: ["tests/integration/global-setup.ts"],
          setupFiles: ["tests/integration/setup.ts"],
        },
      },
    ],
  },
});
