// The bench's output on synthetic results: the table, the targets, the JSON file, the comparison; and a tiny
// in-process run (--payments 1000 --duration 1 --no-server) end to end, so the script cannot silently rot.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  driftWarning,
  evaluateTargets,
  formatCompare,
  formatReport,
  formatScenarioTable,
  readReport,
  resultFileName,
  staticRps,
  writeReport,
  type BenchReport,
  type ScenarioResult,
} from "./report";
import { main, parseArgs } from "./run";

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "bench-report-"));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function scenario(id: string, group: string, rps: number, p50: number, extra: Partial<ScenarioResult> = {}): ScenarioResult {
  return { id, group, name: id, connections: 50, seconds: 10, requests: rps * 10, rps, p50, p99: p50 * 3, errors: 0, statusCounts: { 200: rps * 10 }, ...extra };
}

function synthetic(scale = 1): BenchReport {
  const scenarios = [
    scenario("static", "8", 2000 * scale, 20),
    scenario("ref-read", "8", 1000 * scale, 40),
    scenario("ref-insert", "8", 500 * scale, 80),
    scenario("customer-open", "1", 1100 * scale, 30),
    scenario("customer-open-1c", "1", 150 * scale, 6, { connections: 1 }),
    scenario("customer-method", "2", 900 * scale, 35),
    scenario("customer-method-1c", "2", 100 * scale, 16, { connections: 1 }),
    scenario("confirm", "3", 420 * scale, 100),
    scenario("approve", "4", 300 * scale, 150, { errors: 2 }),
    scenario("pending-first", "5", 800 * scale, 40),
    scenario("pending-deep", "5", 700 * scale, 50),
    scenario("search-reference", "6", 800 * scale, 44),
    scenario("search-email", "6", 790 * scale, 45),
    scenario("api-create", "7", 450 * scale, 90),
    scenario("static-end", "8", 2200 * scale, 19),
  ];
  const inProcess = [
    { id: "pending-first", name: "Pending queue, first page", iterations: 200, app: { p50: 0.3, p99: 1, mean: 0.4 }, raw: { p50: 0.2, p99: 0.5, mean: 0.2 }, ratio: 1.5 },
    { id: "search-email", name: "Search by customer email", iterations: 200, app: { p50: 6, p99: 9, mean: 6.5 }, raw: { p50: 5, p99: 8, mean: 5 }, ratio: 1.2 },
  ];
  const plans = [
    { id: "pending-first", name: "Pending queue, first page", sql: "select …", plan: ["SEARCH payments USING INDEX payments_status_submitted_idx (status=?)"], fullScan: false, summary: "" },
  ];
  const base = { scenarios, inProcess, plans, serverPeakRssMb: 350, clientJs: { page: "/pay/x", gzipKb: 140, floorPage: "/status", floorGzipKb: 130, encoding: "gzip" } };
  return {
    version: 1,
    date: "2026-11-27T21:40:05.000Z",
    machine: { cpus: 2, cpuModel: "Test CPU", memGb: 24, node: "v20.0.0", platform: "linux", loadAvg: [0.1, 0.2, 0.3] },
    options: { payments: 1_000_000, duration: 10, warmup: 3, connections: 50 },
    seed: { payments: 1_000_000, events: 2_600_000, counts: { open: 30000, submitted: 20000, approved: 770000, cancelled: 60000, expired: 120000 }, seconds: { setup: 1, insert: 20, indexes: 10, total: 31 }, rowsPerSecond: 180000 },
    ...base,
    targets: evaluateTargets(base),
    notes: ["a note"],
  };
}

describe("the table", () => {
  it("has one row per scenario with req/s, p50, p99, errors and the ratio to the static page", () => {
    const r = synthetic();
    expect(staticRps(r.scenarios)).toBe(2100);
    const table = formatScenarioTable(r.scenarios);
    const lines = table.split("\n");
    expect(lines[0]).toMatch(/#\s+scenario\s+conn\s+req\/s\s+p50 ms\s+p99 ms\s+errors\s+× static/);
    expect(lines).toHaveLength(2 + r.scenarios.length);
    const customer = lines.find((l) => /\bcustomer-open\b/.test(l) && !/1c/.test(l))!;
    expect(customer).toMatch(/1,100\s+30\.0\s+90\.0\s+0\s+0\.52/);
    expect(lines.find((l) => /\bapprove\b/.test(l))).toMatch(/\s2\s+0\.14/);
  });

  it("prints the machine, the seeding, RSS, client JS, in-process timings, plans, targets and notes", () => {
    const out = formatReport(synthetic());
    for (const s of ["2 × Test CPU", "1,000,000 payments", "180,000 rows/s", "peak RSS", "350 MB", "140.0 KB", "130.0 KB", "in-process", "EXPLAIN QUERY PLAN", "Targets:", "Note: a note"]) {
      expect(out).toContain(s);
    }
  });
});

describe("the server's memory", () => {
  it("says where the peak went and what is still held after a full collection, beyond the page cache", () => {
    const r = synthetic();
    r.serverMemory = {
      atPeak: { rssMb: 360, heapTotalMb: 141, heapUsedMb: 92, arrayBuffersMb: 52, pageCacheMb: 32, pageCacheEntries: 570 },
      afterRun: { rssMb: 330, heapTotalMb: 120, heapUsedMb: 70, arrayBuffersMb: 75, pageCacheMb: 32, pageCacheEntries: 570 },
    };
    const lines = formatReport(r).split("\n");
    const peak = lines.findIndex((l) => l.startsWith("Server peak RSS"));
    expect(lines[peak + 1]).toBe(
      "  at its highest sample (360 MB): V8 heap 141 MB (92 MB in use), ArrayBuffers 52 MB (page cache 32 MB, 570 pages), the rest 167 MB (the binary, libraries, native memory)",
    );
    expect(lines[peak + 2]).toBe("  live after the run (a full collection): V8 heap in use 70 MB, ArrayBuffers 75 MB (page cache 32 MB, 570 pages; 43 MB beyond it)");
    expect(JSON.parse(JSON.stringify(r)).serverMemory.afterRun.arrayBuffersMb).toBe(75);
  });

  it("prints nothing of it when the server had no probe (--no-server)", () => {
    expect(formatReport(synthetic())).not.toMatch(/highest sample|live after the run/);
  });
});

describe("drift", () => {
  it("warns when the static page moved by more than a quarter between the start and the end", () => {
    expect(driftWarning(synthetic().scenarios)).toBeNull(); // 2000 → 2200
    const r = synthetic();
    r.scenarios.find((s) => s.id === "static-end")!.rps = 857;
    expect(driftWarning(r.scenarios)).toMatch(/2,000 req\/s first and 857 req\/s last \(-57 %\).*unreliable/);
  });
});

describe("targets", () => {
  it("checks each of the issue's targets from the figures", () => {
    const t = Object.fromEntries(synthetic().targets.map((x) => [x.id, x.pass]));
    expect(t["customer-open-throughput"]).toBe(true); // 1100 ≥ 0.5 × 2100
    expect(t["customer-method-throughput"]).toBe(false); // 900 < 1050
    expect(t["customer-open-1c-p50"]).toBe(true);
    expect(t["customer-method-1c-p50"]).toBe(false); // 16 ms > 15 ms
    expect(t["confirm-throughput"]).toBe(true); // 420 ≥ 0.8 × 500
    expect(t["approve-throughput"]).toBe(false);
    expect(t["api-create-throughput"]).toBe(true);
    expect(t["plans"]).toBe(true);
    expect(t["pending-first-time"]).toBe(true);
    expect(t["search-email-time"]).toBe(false); // 6 ms > 5 ms
    expect(t["pending-first-p50"]).toBe(true); // 40 ≤ 1.5 × 30
    expect(t["pending-deep-p50"]).toBe(false); // 50 > 45
    expect(t["rss"]).toBe(true);
    expect(t["client-js"]).toBe(true); // 10 KB over the floor
  });

  it("holds dashboard pages against the customer page's first view (a render) once the bench measures it", () => {
    const r = synthetic();
    r.scenarios.push(scenario("customer-open-first", "1", 300, 60), scenario("customer-open-first-1c", "1", 90, 11, { connections: 1 }));
    const t = new Map(evaluateTargets(r).map((x) => [x.id, x]));
    expect(t.get("pending-deep-p50")?.pass).toBe(true); // 50 ≤ 1.5 × 60
    expect(t.get("pending-deep-p50")?.value).toBe("0.83 × customer page's first view (1.7 × its repeat view)");
    expect(t.get("customer-open-first-1c-p50")?.pass).toBe(true);
    r.scenarios.find((s) => s.id === "customer-open-first-1c")!.requests = 0;
    expect(evaluateTargets(r).find((x) => x.id === "customer-open-first-1c-p50")).toMatchObject({ pass: false, value: "no answers" });
    // Throughput stays a repeat view's target.
    expect(t.get("customer-open-throughput")?.pass).toBe(true);
  });

  it("reads the writes' targets off the median of the alternating rounds when the run has them", () => {
    const r = synthetic();
    // The main pass: Confirm 420 and Approve 350 against the insert's 500 (0.84 and 0.70).
    r.writeRounds = {
      rounds: 3,
      seconds: 5,
      scenarios: [
        { id: "confirm", name: "Confirm", ratios: [0.7, 0.78, 0.75], median: 0.75 },
        { id: "approve", name: "Approve", ratios: [0.81, 0.9, 0.85], median: 0.85 },
        { id: "api-create", name: "API create", ratios: [], median: Number.NaN },
      ],
    };
    const t = new Map(evaluateTargets(r).map((x) => [x.id, x]));
    expect(t.get("confirm-throughput")).toMatchObject({ pass: false, value: "0.75 × insert (median of 3 alternating rounds: 0.70, 0.78, 0.75; main pass 0.84)" });
    expect(t.get("approve-throughput")?.pass).toBe(true);
    // No usable round (its pool ran out each time): the main pass decides.
    expect(t.get("api-create-throughput")?.value).toMatch(/^\d\.\d\d × insert$/);
    const text = formatReport({ ...r, targets: evaluateTargets(r) });
    expect(text).toContain("Writes against the one-row insert, in 3 alternating rounds of 5 s");
    expect(text).toMatch(/Confirm\s+0\.70 {2}0\.78 {2}0\.75 {3}median 0\.75/);
  });

  it("flags a full scan", () => {
    const r = synthetic();
    r.plans[0] = { ...r.plans[0], fullScan: true };
    expect(evaluateTargets(r).find((t) => t.id === "plans")?.pass).toBe(false);
  });
});

describe("JSON and --compare", () => {
  it("writes bench/results/<date>.json that reads back the same", () => {
    const dir = tmp();
    const r = synthetic();
    const file = writeReport(r, dir);
    expect(path.basename(file)).toBe("2026-11-27T21-40-05Z.json");
    expect(resultFileName(new Date(r.date))).toBe("2026-11-27T21-40-05Z.json");
    expect(readReport(file)).toEqual(r);
  });

  it("refuses a file that is not a bench result", () => {
    const file = path.join(tmp(), "x.json");
    fs.writeFileSync(file, JSON.stringify({ hello: 1 }));
    expect(() => readReport(file)).toThrow(/not a bench result/);
  });

  it("prints the change of each scenario against an earlier run", () => {
    const out = formatCompare(synthetic(1.1), synthetic(1), "before.json");
    expect(out).toContain("before.json");
    const line = out.split("\n").find((l) => /^customer-open\s/.test(l))!;
    expect(line).toMatch(/1,100 → 1,210\s+\+10%\s+30\.0 → 30\.0\s+\+0%\s+0\.52 → 0\.52/);
  });
});

describe("npm run bench", () => {
  it("parses its options", () => {
    expect(parseArgs([])).toMatchObject({ payments: 1_000_000, duration: 10, warmup: 3, connections: 50, server: true, compare: "bench/baseline.json" });
    expect(parseArgs(["--compare", "none"]).compare).toBeNull();
    expect(parseArgs(["--payments", "1000", "--duration=1", "--no-server", "--compare", "latest"])).toMatchObject({ payments: 1000, duration: 1, server: false, compare: "latest" });
    expect(() => parseArgs(["--payments", "x"])).toThrow(/--payments needs a number/);
    expect(parseArgs([]).statementLines).toBe(10_000);
    expect(parseArgs(["--statement-lines", "500"]).statementLines).toBe(500);
    expect(() => parseArgs(["--statement-lines", "5"])).toThrow(/--statement-lines needs a number ≥ 10/);
    expect(parseArgs([]).rounds).toBe(3);
    expect(parseArgs(["--rounds", "0"]).rounds).toBe(0);
    expect(() => parseArgs(["--rounds", "-1"])).toThrow(/--rounds needs a number ≥ 0/);
    expect(() => parseArgs(["--bogus"])).toThrow(/Unknown option --bogus/);
  });

  it("runs end to end on a tiny in-process run (--payments 1000 --duration 1 --no-server --statement-lines 500) and compares with the last result", async () => {
    const out = tmp();
    const work = tmp();
    const lines: string[] = [];
    const args = ["--payments", "1000", "--duration", "1", "--no-server", "--statement-lines", "500", "--out", out, "--tmp", work];
    const first = await main(args, (s) => lines.push(s));
    expect(fs.existsSync(first.file)).toBe(true);
    const saved = readReport(first.file);
    expect(saved.seed.payments).toBe(1000);
    expect(saved.seed.counts.submitted).toBe(20);
    expect(saved.scenarios).toEqual([]);
    expect(saved.plans.every((p) => !p.fullScan)).toBe(true);
    expect(saved.inProcess.map((q) => q.id)).toEqual(expect.arrayContaining(["pending-first", "pending-deep", "search-reference", "search-email", "decision-tx"]));
    expect(saved.targets.find((t) => t.id === "plans")?.pass).toBe(true);
    const text = lines.join("\n");
    expect(text).toContain("Seeded 1,000 payments");
    expect(text).toContain("One Approve transaction");
    expect(text).toContain("Import and match a 500-line camt.053");
    expect(text).toContain("Change against baseline.json"); // the committed baseline, by default

    // A second run, compared with the first through --compare latest.
    await new Promise((r) => setTimeout(r, 1100)); // another second, another file name
    const lines2: string[] = [];
    await main([...args, "--compare", "latest"], (s) => lines2.push(s));
    expect(lines2.join("\n")).toContain("Change against");
    expect(fs.readdirSync(out).filter((f) => f.endsWith(".json"))).toHaveLength(2);
  }, 180_000);
});
