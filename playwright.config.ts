import fs from "node:fs";
import os from "node:os";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT || 3100);
// Each worker drives a Chromium against the one server, which needs a core of its own: one worker on two cores, two
// from three up (more only adds contention for the server). E2E_WORKERS overrides.
const WORKERS = Number(process.env.E2E_WORKERS) || Math.max(1, Math.min(2, os.availableParallelism() - 1));
export const E2E_DATA_DIR = ".e2e-data";
// Debian's chromium-headless-shell (the old headless mode, which Playwright's own headless runs use) takes about two
// thirds of the full browser's time per story here; the full browser (`chromium`) where the shell is not installed.
// CHROMIUM_PATH overrides both.
const HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell";
const CHROMIUM = process.env.CHROMIUM_PATH || (fs.existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : "/usr/bin/chromium");
// The payer's stories run a second time against a server with the payer page cache switched off
// (PAYER_PAGE_CACHE=off, server/payer-page-cache/switch.ts), on a port and a database of their own: the page must
// behave the same on the normal Next.js path. (The suite also uses PORT+1 for the webhook restart story and PORT+10
// for the authorization matrix, PORT+30 and PORT+31 for the e-mail story's server and its SMTP sink.)
const NO_CACHE_PORT = PORT + 20;
const NO_CACHE_DATA_DIR = ".e2e-data-no-cache";
// (The two stories that go through every state of the payer's page, with and without JavaScript.) E2E_CACHE_OFF=1 runs
// this pass; `npm test` leaves it out to keep CI within its time (it passed at this stop with core-loop and the CSP
// stories too).
const CACHE_OFF_PASS = process.env.E2E_CACHE_OFF === "1";
const PAYER_SPECS = ["page-cache.spec.ts", "customer-no-js.spec.ts"];
// E2E_ENGINE=postgres (npm test's PostgreSQL pass, with TEST_DATABASE_URL): the stories against a server on a
// PostgreSQL database (dp_e2e on TEST_DATABASE_URL's server; a story that starts servers of its own gives each a database
// of its own, e2e/db.ts), with the several-instances story — two servers on one database: the API, the payer's choice
// and confirmation with a receipt, the agent's session on both, Approve raced across them, webhooks from two
// dispatchers, a killed instance. Every story passes on PostgreSQL (E2E_POSTGRES_ALL=1 runs them all: 13 minutes here,
// one worker, no traces); the pass leaves out the seven whose work is only the browser's — accessibility audits, the
// layout at each width, the payer's steps on screen, times in the viewer's zone, response headers (every page is still
// rendered on PostgreSQL by the authorization matrix) — so that CI, which runs every story on SQLite first, stays
// within its time. A new story runs on both engines.
const ON_POSTGRES = process.env.E2E_ENGINE === "postgres";
const BROWSER_ONLY_SPECS = ["a11y", "a11y-payer", "content-security-policy", "layout", "payer-steps", "time-zone", "http-hardening"].map((s) => `${s}.spec.ts`);
const POSTGRES_IGNORED = process.env.E2E_POSTGRES_ALL ? [] : BROWSER_ONLY_SPECS;
const POSTGRES_PORT = PORT + 40;
const POSTGRES_DATABASE = "dp_e2e";

/** A production build on a throw-away database, seeded with the demo data (see scripts/e2e-server.mjs). */
function server(port: number, dataDir: string, env: Record<string, string> = {}) {
  return {
    command: `node scripts/e2e-server.mjs ${port} ${dataDir}`,
    url: `http://localhost:${port}/login`,
    env: { ...(process.env as Record<string, string>), ...env },
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
  };
}

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
    // A trace of each failed story; E2E_TRACE=off records none. Recording costs about a third of the stories' time on
    // this 2-core machine (the SQLite stories: 14.7 min traced, 9.5–10.2 min not; the screencast most of it), for every
    // story, passing or not: `npm test` turns it off (a failure still leaves its error, a screenshot and the page's
    // snapshot in test-results/).
    trace: process.env.E2E_TRACE === "off" ? "off" : "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  // Each project's metadata names its server's database (e2eDb in e2e/helpers.ts) and whether it caches payer pages.
  projects: ON_POSTGRES
    ? [
        {
          name: "postgres",
          testIgnore: POSTGRES_IGNORED,
          use: { ...devices["Desktop Chrome"], baseURL: `http://localhost:${POSTGRES_PORT}` },
          metadata: { dataDir: ".e2e-data-pg", pgDatabase: POSTGRES_DATABASE, payerPageCache: true, engine: "postgres" },
        },
      ]
    : [
        { name: "chromium", testIgnore: ["multi-instance.spec.ts"], use: { ...devices["Desktop Chrome"] }, metadata: { dataDir: E2E_DATA_DIR, payerPageCache: true } },
        ...(CACHE_OFF_PASS ? [{
          name: "payer-page-cache-off",
          testMatch: PAYER_SPECS,
          use: { ...devices["Desktop Chrome"], baseURL: `http://localhost:${NO_CACHE_PORT}` },
          metadata: { dataDir: NO_CACHE_DATA_DIR, payerPageCache: false },
        }] : []),
      ],
  // The production build is made by `npm run test:e2e`.
  webServer: ON_POSTGRES
    ? [server(POSTGRES_PORT, ".e2e-data-pg", { E2E_PG_DATABASE: POSTGRES_DATABASE })]
    : [server(PORT, E2E_DATA_DIR), ...(CACHE_OFF_PASS ? [server(NO_CACHE_PORT, NO_CACHE_DATA_DIR, { PAYER_PAGE_CACHE: "off" })] : [])],
});
