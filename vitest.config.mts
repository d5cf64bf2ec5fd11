import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // db/client.ts and server/ modules import "server-only" to keep them out of client bundles; in unit tests there is
      // no bundle. (Scripts open the database through db/connection.ts, which does not.)
      "server-only": fileURLToPath(new URL("./test/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "bench/**/*.test.ts", "components/**/*.test.ts", "server/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    // The server log (server/logger.ts) stays out of the test output unless asked for.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "silent" },
    // bcrypt, real SQLite files and child processes: a busy machine is slower, never wrong.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
