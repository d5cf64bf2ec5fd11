// The PostgreSQL half of the report on synthetic results: the side-by-side table, its targets, and old results
// (bench/baseline.json, written before PostgreSQL was measured) still loading and comparing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  BASELINE,
  parseArgs,
  redactUrl,
} from "./run";
import {
  evaluatePostgresTargets,
  formatCompare,
  formatReport,
  formatSideBySide,
  readReport,
  sideBySide,
  writeReport,
  type BenchReport,
  type PostgresReport,
  type ScenarioResult,
} from "./report";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function scenario(id: string, rps: number, p50: number, extra: Partial<ScenarioResult> = {}): ScenarioResult {
  return { id, group: "1", name: id, connections: 50, seconds: 10, requests: rps * 10, rps, p50, p99: p50 * 3, errors: 0, statusCounts: { 200: rps * 10 }, ...extra };
}

const sqlite = [scenario("static", 2000, 20), scenario("ref-read", 800, 50), scenario("customer-open", 1000, 30), scenario("confirm", 400, 100), scenario("approve", 300, 120)];
const pgScenarios = [scenario("static", 1900, 21), scenario("ref-read", 500, 80), scenario("customer-open", 950, 31), scenario("confirm", 200, 200), scenario("approve", 240, 150, { errors: 3 }), scenario("api-create", 300, 90)];

function pgReport(): PostgresReport {
  return {
    database: "postgres://postgres@127.0.0.1:5432/bench_x",
    seed: { payments: 1_000_000, events: 2_770_000, counts: { open: 30000 }, seconds: { setup: 2, insert: 150, indexes: 60, total: 212 }, rowsPerSecond: 25000 },
    scenarios: pgScenarios,
    inProcess: [
      { id: "search-email", name: "Search by customer email", iterations: 200, app: { p50: 0.9, p99: 2, mean: 1 }, raw: { p50: 0.3, p99: 1, mean: 0.4 }, ratio: 3 },
      { id: "list-deep", name: "All payments, deep page", iterations: 200, app: { p50: 7, p99: 9, mean: 7 }, raw: { p50: 5, p99: 6, mean: 5 }, ratio: 1.4 },
    ],
    plans: [
      { id: "search-email", name: "Search by customer email", sql: "select …", plan: ["Index Scan using payments_email_idx on payments"], fullScan: false, summary: "" },
      { id: "expire-due", name: "Expiry sweep", sql: "select …", plan: ["Seq Scan on payments"], fullScan: true, summary: "FULL SCAN: Seq Scan on payments" },
    ],
    serverPeakRssMb: 300,
    notes: [],
  };
}

describe("SQLite and PostgreSQL side by side", () => {
  it("pairs each PostgreSQL scenario with SQLite's and gives the ratio of their throughput", () => {
    const rows = sideBySide(sqlite, pgScenarios);
    expect(rows.map((r) => [r.id, r.ratio == null ? null : Number(r.ratio.toFixed(2)), r.reference])).toEqual([
      ["static", 0.95, true],
      ["ref-read", 0.63, true],
      ["customer-open", 0.95, false],
      ["confirm", 0.5, false],
      ["approve", 0.8, false],
      ["api-create", null, false],
    ]);
    const table = formatSideBySide(rows).split("\n");
    expect(table[0]).toMatch(/SQLite req\/s\s+PG req\/s\s+PG\/SQLite\s+SQLite p50\s+PG p50\s+PG errors\s+≥ 0.6 ×/);
    expect(table.find((l) => /\bconfirm\b/.test(l))).toMatch(/400\s+200\s+0\.50\s+100\s+200\s+0\s+MISS$/);
    expect(table.find((l) => /\bcustomer-open\b/.test(l))).toMatch(/met$/);
    expect(table.find((l) => /\bref-read\b/.test(l))).toMatch(/reference$/);
    expect(table.find((l) => /\bapi-create\b/.test(l))).toMatch(/—\s+300\s+—.*\?$/);
  });

  it("holds each page and write scenario to ≥ 0.6 × SQLite without errors, and each list and search query to ≤ 5 ms with an index", () => {
    const t = new Map(evaluatePostgresTargets(sqlite, pgReport()).map((x) => [x.id, x]));
    expect(t.has("pg-static")).toBe(false); // references are shown, not held to a target
    expect(t.get("pg-customer-open")?.pass).toBe(true);
    expect(t.get("pg-confirm")?.pass).toBe(false);
    expect(t.get("pg-approve")?.pass).toBe(false); // 0.8 ×, but 3 errors
    expect(t.get("pg-api-create")?.pass).toBeNull(); // no SQLite figure in this run (--engines postgres)
    expect(t.get("pg-plans")).toMatchObject({ pass: false, value: "Seq Scan in expire-due" });
    expect(t.get("pg-search-email-time")?.pass).toBe(true);
    expect(t.get("pg-list-deep-time")?.pass).toBe(false);
  });

  it("prints the PostgreSQL section in the report, and writes and reads it back as JSON", () => {
    const r = base();
    r.postgres = pgReport();
    r.targets = evaluatePostgresTargets(r.scenarios, r.postgres);
    const text = formatReport(r);
    expect(text).toContain("PostgreSQL (postgres://postgres@127.0.0.1:5432/bench_x):");
    expect(text).toContain("SQLite and PostgreSQL side by side");
    expect(text).toContain("PostgreSQL query plans (EXPLAIN):");
    expect(text).toMatch(/MISS\s+PostgreSQL: confirm: 0\.50 × SQLite/);
    // The server's buffer cache against what the payments take, when the run recorded them.
    expect(text).not.toContain("shared_buffers");
    r.postgres.server = { version: "15.14", sharedBuffers: "128MB", sharedBuffersMb: 128, paymentsMb: 1403.4 };
    expect(formatReport(r)).toContain("PostgreSQL 15.14, shared_buffers 128MB; the payments table and its indexes take 1403 MB and do not fit in it");
    r.postgres.server = { version: "15.14", sharedBuffers: "2GB", sharedBuffersMb: 2048, paymentsMb: 1403.4 };
    expect(formatReport(r)).toContain("shared_buffers 2GB; the payments table and its indexes take 1403 MB and fit in it");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-pg-"));
    dirs.push(dir);
    expect(readReport(writeReport(r, dir))).toEqual(r);
  });

  it("reads the committed baseline, and compares with results from before PostgreSQL (no postgres section)", () => {
    const committed = readReport(BASELINE);
    expect(committed.scenarios.length).toBeGreaterThan(0);
    const old = { ...committed };
    delete old.postgres;
    expect(formatReport(old)).not.toContain("PostgreSQL (");
    const now = base();
    now.postgres = pgReport();
    const out = formatCompare(now, old, "baseline.json");
    expect(out).toContain("Change against baseline.json");
    expect(out).not.toContain("PostgreSQL:");
  });

  it("compares PostgreSQL with PostgreSQL when both runs measured it", () => {
    const before = base();
    before.postgres = pgReport();
    const now = base();
    now.postgres = { ...pgReport(), scenarios: pgScenarios.map((s) => ({ ...s, rps: s.rps * 2 })) };
    const out = formatCompare(now, before, "before.json").split("\n");
    const at = out.indexOf("PostgreSQL:");
    expect(at).toBeGreaterThan(0);
    expect(out.slice(at).find((l) => /^confirm\s/.test(l))).toMatch(/200 → 400\s+\+100%/);
  });
});

describe("the options", () => {
  it("runs SQLite alone by default, both engines with --db, and one with --engines", () => {
    expect(parseArgs([]).engines).toEqual(["sqlite"]);
    const url = "postgres://postgres@127.0.0.1:5432/bench_pg";
    expect(parseArgs(["--db", url])).toMatchObject({ db: url, engines: ["sqlite", "postgres"] });
    expect(parseArgs(["--db", url, "--engines", "postgres"]).engines).toEqual(["postgres"]);
    expect(() => parseArgs(["--engines", "postgres"])).toThrow(/needs --db/);
    expect(() => parseArgs(["--db", "mysql://x/bench_a"])).toThrow(/postgres:\/\//);
    expect(() => parseArgs(["--db", url, "--engines", "oracle"])).toThrow(/--engines takes/);
  });

  it("keeps passwords out of the report", () => {
    expect(redactUrl("postgres://bench:s3cret@db:5432/bench_a")).toBe("postgres://bench:***@db:5432/bench_a");
    expect(redactUrl("postgres://postgres@127.0.0.1:5432/bench_a")).toBe("postgres://postgres@127.0.0.1:5432/bench_a");
  });
});

function base(): BenchReport {
  return {
    version: 1,
    date: "2026-12-06T05:00:00.000Z",
    machine: { cpus: 2, cpuModel: "Test CPU", memGb: 24, node: "v20.0.0", platform: "linux", loadAvg: [1, 1, 1] },
    options: { payments: 1_000_000, duration: 10, warmup: 3, connections: 50, engines: ["sqlite", "postgres"] },
    seed: { payments: 1_000_000, events: 2_770_000, counts: { open: 30000 }, seconds: { setup: 1, insert: 12, indexes: 8, total: 21 }, rowsPerSecond: 300000 },
    serverPeakRssMb: 350,
    clientJs: null,
    scenarios: sqlite,
    inProcess: [],
    plans: [],
    targets: [],
    notes: [],
  };
}
