// npm test: the unit tests, a production build, the end-to-end stories; then a table of what ran and how it went.
// Usage: npm test [-- unit|e2e ...]   (names of suites to run; all of them by default)
// Every suite runs even when an earlier one failed (except one that needs what failed), so one run shows everything;
// the exit code is 1 when any suite failed. Adding a suite is one line in SUITES.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dp-test-"));

/** Vitest, with a JSON report beside the usual output so the summary can count. */
const vitest = (env = {}, config = null, report = "vitest.json") => ({
  command: ["vitest", "run", ...(config ? ["--config", config] : []), "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(tmp, report)}`],
  env,
  counts: () => {
    const r = readJson(report);
    return r && { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
  },
  failures: () =>
    (readJson(report)?.testResults ?? []).flatMap((file) =>
      (file.assertionResults ?? []).filter((t) => t.status === "failed").map((t) => `${path.relative(process.cwd(), file.name)}: ${t.fullName}`),
    ),
});

/** The titles of a Playwright JSON report's stories that failed (or passed only on a retry), with their files. */
function playwrightFailures(suites, titles = []) {
  return (suites ?? []).flatMap((suite) => {
    const within = suite.title && !suite.title.endsWith(".ts") ? [...titles, suite.title] : titles;
    const own = (suite.specs ?? []).flatMap((spec) =>
      (spec.tests ?? [])
        .filter((t) => t.status === "unexpected" || t.status === "flaky")
        .map((t) => `${spec.file}: ${[...within, spec.title].join(" › ")}${t.projectName ? ` [${t.projectName}]` : ""}${t.status === "flaky" ? " (flaky)" : ""}`),
    );
    return [...own, ...playwrightFailures(suite.suites, within)];
  });
}

/** Playwright against the production build, with a JSON report beside the list. */
const playwright = (env = {}, report = "playwright.json") => ({
  command: ["playwright", "test", `--reporter=${process.env.CI ? "list,json" : "list,json,html"}`],
  // No traces unless E2E_TRACE asks for them (playwright.config.ts: recording them slows every story).
  env: { PLAYWRIGHT_JSON_OUTPUT_FILE: path.join(tmp, report), PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(tmp, report), PLAYWRIGHT_HTML_OPEN: "never", E2E_TRACE: process.env.E2E_TRACE ?? "off", ...env },
  counts: () => {
    const s = readJson(report)?.stats;
    return s && { passed: s.expected, failed: s.unexpected + s.flaky, skipped: s.skipped };
  },
  failures: () => playwrightFailures(readJson(report)?.suites),
});

// id, name shown in the summary, what it runs; `needs`: suites that must have passed first; `requires`: an
// environment variable without which the suite is skipped.
const SUITES = [
  { id: "unit", name: "Unit tests (Vitest)", ...vitest() },
  { id: "build", name: "Production build", command: ["next", "build"], group: "e2e" },
  { id: "e2e", name: "End-to-end stories (Playwright)", ...playwright(), needs: ["build"] },
  // The PostgreSQL passes: the data layer's tests and the product's stories (with the several-instances story) on the
  // server TEST_DATABASE_URL names, each in databases of their own there (vitest.postgres.config.mts,
  // playwright.config.ts with E2E_ENGINE=postgres).
  { id: "postgres-unit", name: "Data layer on PostgreSQL (Vitest)", group: "postgres", requires: "TEST_DATABASE_URL", ...vitest({}, "vitest.postgres.config.mts", "vitest-pg.json") },
  {
    id: "postgres-e2e",
    name: "Stories on PostgreSQL (Playwright)",
    group: "postgres",
    requires: "TEST_DATABASE_URL",
    ...playwright({ E2E_ENGINE: "postgres" }, "playwright-pg.json"),
    needs: ["build"],
  },
];

function readJson(name) {
  try {
    return JSON.parse(fs.readFileSync(path.join(tmp, name), "utf8"));
  } catch {
    return null;
  }
}

function run(command, env) {
  const [bin, ...args] = command;
  return new Promise((resolve) => {
    const child = spawn(path.join("node_modules", ".bin", bin), args, {
      stdio: "inherit",
      env: { ...process.env, ...env },
      shell: process.platform === "win32",
    });
    child.on("error", (err) => {
      console.error(err.message);
      resolve(1);
    });
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const duration = (ms) => {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
};

const countsText = (c) =>
  !c ? "" : c.passed + c.failed + c.skipped === 0 ? "none ran" : [`${c.passed} passed`, c.failed ? `${c.failed} failed` : "", c.skipped ? `${c.skipped} skipped` : ""].filter(Boolean).join(", ");

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !SUITES.some((s) => s.id === w || s.group === w));
  if (unknown.length) {
    console.error(`Unknown suite ${unknown.join(", ")}; the suites are ${SUITES.map((s) => s.id).join(", ")}.`);
    process.exit(2);
  }
  const results = [];
  for (const suite of SUITES) {
    if (wanted.length && !wanted.includes(suite.id) && !wanted.includes(suite.group ?? "")) continue;
    const failedNeed = (suite.needs ?? []).find((n) => results.find((r) => r.id === n)?.result !== "passed");
    if (suite.requires && !process.env[suite.requires]) {
      results.push({ id: suite.id, name: suite.name, result: `skipped (${suite.requires} not set)` });
    } else if (suite.unavailable) {
      results.push({ id: suite.id, name: suite.name, result: `skipped (${suite.unavailable})` });
    } else if (failedNeed) {
      results.push({ id: suite.id, name: suite.name, result: `not run (${failedNeed} did not pass)`, failed: true });
    } else {
      console.log(`\n=== ${suite.name}: ${suite.command.join(" ")}\n`);
      const started = Date.now();
      const code = await run(suite.command, suite.env);
      const counts = suite.counts?.();
      const failures = code === 0 ? [] : (suite.failures?.() ?? []);
      results.push({ id: suite.id, name: suite.name, result: code === 0 ? "passed" : "FAILED", failed: code !== 0, counts, failures, time: Date.now() - started });
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  const skippedPg = results.filter((r) => r.id.startsWith("postgres") && r.result.startsWith("skipped"));
  if (skippedPg.length) {
    console.log(`\n${"!".repeat(100)}\n!! The PostgreSQL passes were SKIPPED: TEST_DATABASE_URL is not set. To run them against a PostgreSQL server:\n!!   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test\n${"!".repeat(100)}`);
  }

  const rows = [["suite", "result", "tests", "time"], ...results.map((r) => [r.name, r.result, countsText(r.counts), r.time != null ? duration(r.time) : ""])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd();
  console.log(`\n${line(rows[0])}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const row of rows.slice(1)) console.log(line(row));
  const failed = results.filter((r) => r.failed);
  // What failed, at the end where a CI log's tail shows it (each suite's own output above has the errors).
  for (const r of failed.filter((f) => f.failures?.length)) {
    console.log(`\n${r.name}, what failed:`);
    for (const f of r.failures.slice(0, 30)) console.log(`  ✗ ${f}`);
    if (r.failures.length > 30) console.log(`  … and ${r.failures.length - 30} more`);
  }
  console.log(failed.length ? `\n${failed.length} suite(s) failed: ${failed.map((r) => r.name).join(", ")}.` : "\nEvery suite that ran passed.");
  process.exit(failed.length ? 1 : 0);
}

main();
