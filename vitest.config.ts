import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["./tests/portal/build-portal.ts", "./tests/helpers/pglite-templates.ts"],
    reporters: ["default", "./tests/helpers/summary-reporter.ts"],
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: more workers than that only adds contention between PGlite instances.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
