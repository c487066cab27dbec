import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/support/setup.ts"],
    env: { TZ: "UTC", LANG: "C", LC_ALL: "C" },
    clearMocks: true,
    restoreMocks: true,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
