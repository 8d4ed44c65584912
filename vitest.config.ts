import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    // Nothing may depend on the host's zone: suites that need Amsterdam say so explicitly.
    env: { TZ: "UTC" },
    testTimeout: 20_000,
  },
});
