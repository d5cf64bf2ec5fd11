import os from "node:os";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT || 3100);
// Each worker drives a Chromium against the one server, which needs a core of its own: one worker on two cores, two
// from three up (more only adds contention for the server). E2E_WORKERS overrides.
const WORKERS = Number(process.env.E2E_WORKERS) || Math.max(1, Math.min(2, os.availableParallelism() - 1));
export const E2E_DATA_DIR = ".e2e-data";

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: WORKERS,
  // Generous on purpose: a story's steps wait on a real server and browser, and a machine busy with other work is
  // slower, never wrong. A passing story takes no longer for it.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // A production build (made by `npm run test:e2e`) on a throw-away database, seeded with the demo data.
    command: `node scripts/e2e-server.mjs ${PORT}`,
    url: `http://localhost:${PORT}/login`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
