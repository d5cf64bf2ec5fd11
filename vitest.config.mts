import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // db/ modules import "server-only" to keep them out of client bundles; in unit tests there is no bundle.
      "server-only": fileURLToPath(new URL("./test/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "bench/**/*.test.ts", "components/**/*.test.ts", "server/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    // bcrypt, real SQLite files and child processes: a busy machine is slower, never wrong.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
