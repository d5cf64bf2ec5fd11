// The bench's output: one table of scenarios (with ratios to the static page), the in-process timings, the query
// plans, the targets met or missed; the same as JSON in bench/results/, and the change against an earlier run
// (bench/baseline.json unless --compare says otherwise).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type ScenarioResult = {
  id: string;
  /** The issue's scenario number, "1" … "8". */
  group: string;
  name: string;
  connections: number;
  /** Measured seconds (after the warm-up). */
  seconds: number;
  requests: number;
  rps: number;
  /** Latency in milliseconds. */
  p50: number;
  p99: number;
  /** Socket errors, timeouts, and answers with another status than expected (or writes that did not happen). */
  errors: number;
  statusCounts: Record<string, number>;
  /** The server's peak RSS during this scenario, MB. */
  rssMb?: number;
  note?: string;
};

export type InProcessResult = {
  id: string;
  name: string;
  iterations: number;
  app: { p50: number; p99: number; mean: number };
  raw: { p50: number; p99: number; mean: number };
  /** app p50 / raw p50. */
  ratio: number;
};

export type PlanResult = { id: string; name: string; sql: string; plan: string[]; fullScan: boolean; indexWalk?: boolean; summary: string };

export type TargetResult = { id: string; name: string; value: string; limit: string; pass: boolean | null };

/** The server's memory by kind, MB (its /api/bench/memory probe). */
export type ServerMemory = {
  rssMb: number;
  heapTotalMb: number;
  heapUsedMb: number;
  arrayBuffersMb: number;
  pageCacheMb: number;
  pageCacheEntries: number;
};

export type Machine = { cpus: number; cpuModel: string; memGb: number; node: string; platform: string; loadAvg: number[] };

export type BenchReport = {
  version: 1;
  date: string;
  machine: Machine;
  options: { payments: number; duration: number; warmup: number; connections: number; nodeOptions?: string; engines?: string[] };
  seed: {
    payments: number;
    events: number;
    counts: Record<string, number>;
    seconds: { setup: number; insert: number; indexes: number; total: number };
    rowsPerSecond: number;
  };
  build?: { reused: boolean; seconds: number };
  serverPeakRssMb: number | null;
  /** Sampled once a second during the load (the sample with the most RSS), and after the run and a full collection. */
  serverMemory?: { atPeak: ServerMemory | null; afterRun: ServerMemory | null };
  clientJs: {
    page: string;
    gzipKb: number;
    floorPage: string;
    floorGzipKb: number;
    encoding: string;
    pages?: { name: string; kb: number; files: number }[];
  } | null;
  scenarios: ScenarioResult[];
  inProcess: InProcessResult[];
  plans: PlanResult[];
  targets: TargetResult[];
  notes: string[];
  /** The same scenarios on PostgreSQL (`--db`); absent in runs before it, and in runs without it. */
  postgres?: PostgresReport;
  /** The writes against the one-row insert in alternating rounds (bench/rounds.ts); absent in runs before them. */
  writeRounds?: WriteRounds;
};

/** The write scenarios held against the one-row insert (their targets, and the alternating rounds of bench/rounds.ts). */
export const WRITE_SCENARIOS = ["confirm", "approve", "api-create"];

/** Each write's ratio to the one-row insert of the same round, and their median (what its target reads). */
export type WriteRounds = { rounds: number; seconds: number; scenarios: { id: string; name: string; ratios: number[]; median: number }[] };

/** The PostgreSQL half of a run: its own seed, scenarios (same ids as SQLite's), query times against raw pg, EXPLAIN plans. */
export type PostgresReport = {
  /** The URL without its password. */
  database: string;
  /** The server's version and buffer cache, and the size of the payments table with its indexes (runs before 2026-12-07 16:00 have none). */
  server?: { version: string; sharedBuffers: string; sharedBuffersMb: number; paymentsMb: number };
  seed: BenchReport["seed"] & { reused?: boolean };
  scenarios: ScenarioResult[];
  inProcess: InProcessResult[];
  plans: PlanResult[];
  serverPeakRssMb: number | null;
  serverMemory?: BenchReport["serverMemory"];
  notes: string[];
};

export function machineInfo(): Machine {
  let cpuModel = os.cpus()[0]?.model ?? "unknown";
  try {
    const m = /model name\s*:\s*(.+)/.exec(fs.readFileSync("/proc/cpuinfo", "utf8"));
    if (m) cpuModel = m[1].trim();
  } catch {
    // not Linux
  }
  return {
    cpus: os.cpus().length,
    cpuModel,
    memGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAvg: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

// ---- Formatting ----

const int = (n: number) => Math.round(n).toLocaleString("en");
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);

/** The static page's throughput the ratios refer to: the mean of its runs (one at the start, one at the end). */
export function staticRps(scenarios: ScenarioResult[]): number | null {
  const s = scenarios.filter((x) => x.id === "static" || x.id === "static-end");
  if (!s.length) return null;
  return s.reduce((a, b) => a + b.rps, 0) / s.length;
}

function table(header: string[], rows: string[][], alignRight: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (alignRight[i] ? lpad(c, widths[i]) : pad(c, widths[i]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function formatScenarioTable(scenarios: ScenarioResult[]): string {
  const base = staticRps(scenarios);
  const rows = scenarios.map((s) => [
    s.group,
    s.name,
    String(s.connections),
    int(s.rps),
    ms(s.p50),
    ms(s.p99),
    int(s.errors),
    base ? (s.rps / base).toFixed(2) : "—",
    s.rssMb != null ? int(s.rssMb) : "—",
  ]);
  return table(["#", "scenario", "conn", "req/s", "p50 ms", "p99 ms", "errors", "× static", "RSS MB"], rows, [false, false, true, true, true, true, true, true, true]);
}

export function formatInProcessTable(results: InProcessResult[], title = "in-process (no HTTP)", raw = "raw"): string {
  const rows = results.map((r) => [r.name, ms(r.app.p50), ms(r.raw.p50), ms(r.app.p99), ms(r.raw.p99), r.ratio.toFixed(2)]);
  return table([title, "app p50 ms", `${raw} p50 ms`, "app p99 ms", `${raw} p99 ms`, `app/${raw}`], rows, [false, true, true, true, true, true]);
}

export function formatPlans(plans: PlanResult[]): string {
  return plans
    .map((p) => `${p.fullScan ? "✗ FULL SCAN" : p.indexWalk ? "~ index walk" : "✓ index"}  ${p.name}\n    ${p.sql}\n${p.plan.map((l) => `      ${l}`).join("\n")}`)
    .join("\n");
}

export function formatTargets(targets: TargetResult[]): string {
  return targets.map((t) => `${t.pass == null ? "?    " : t.pass ? "MET  " : "MISS "} ${t.name}: ${t.value} (target ${t.limit})`).join("\n");
}

export function formatWriteRounds(w: WriteRounds): string[] {
  const width = Math.max(...w.scenarios.map((s) => s.name.length));
  return [
    `Writes against the one-row insert, in ${w.rounds} alternating rounds of ${w.seconds} s (each round's insert the reference of its writes):`,
    ...w.scenarios.map((s) => `  ${s.name.padEnd(width)}  ${s.ratios.map((x) => x.toFixed(2)).join("  ") || "—"}   median ${Number.isNaN(s.median) ? "—" : s.median.toFixed(2)}`),
  ];
}

export function formatReport(r: BenchReport): string {
  const m = r.machine;
  const out: string[] = [];
  out.push(
    `Direct Payments benchmark, ${r.date}: ${int(r.options.payments)} payments; ${r.options.connections} connections, ${r.options.duration} s per scenario after ${r.options.warmup} s warm-up`,
  );
  out.push(`Machine: ${m.cpus} × ${m.cpuModel}, ${m.memGb} GB RAM, Node ${m.node}, load average at start ${m.loadAvg.join(" ")}`);
  out.push(
    `Seeded ${int(r.seed.payments)} payments + ${int(r.seed.events)} events in ${r.seed.seconds.total.toFixed(1)} s (insert ${r.seed.seconds.insert.toFixed(1)} s at ${int(r.seed.rowsPerSecond)} rows/s, indexes ${r.seed.seconds.indexes.toFixed(1)} s); ` +
      Object.entries(r.seed.counts)
        .map(([k, v]) => `${k} ${int(v)}`)
        .join(", "),
  );
  if (r.postgres && !r.scenarios.length) out.push(`(SQLite not run: --engines ${r.options.engines?.join(",") ?? "postgres"}; the seed above is PostgreSQL's)`);
  if (r.scenarios.length) out.push("", formatScenarioTable(r.scenarios));
  if (r.serverPeakRssMb != null) out.push("", `Server peak RSS (next start and its children, whole run): ${r.serverPeakRssMb.toFixed(0)} MB`);
  out.push(...formatServerMemory(r.serverMemory));
  if (r.clientJs) {
    out.push(
      `Client JavaScript (${r.clientJs.encoding}, as Chromium loads it): customer page ${r.clientJs.gzipKb.toFixed(1)} KB; framework floor (${r.clientJs.floorPage}, no client components) ${r.clientJs.floorGzipKb.toFixed(1)} KB; difference ${(r.clientJs.gzipKb - r.clientJs.floorGzipKb).toFixed(1)} KB`,
    );
    for (const p of r.clientJs.pages ?? []) out.push(`  ${p.name}: ${p.kb.toFixed(1)} KB in ${p.files} files`);
  }
  if (r.writeRounds) out.push("", ...formatWriteRounds(r.writeRounds));
  if (r.inProcess.length) out.push("", formatInProcessTable(r.inProcess));
  if (r.plans.length) out.push("", "Query plans (EXPLAIN QUERY PLAN):", formatPlans(r.plans));
  if (r.postgres) out.push(...formatPostgres(r.postgres, r.scenarios));
  if (r.targets.length) out.push("", "Targets:", formatTargets(r.targets));
  if (r.notes.length) out.push("", ...r.notes.map((n) => `Note: ${n}`));
  return out.join("\n");
}

/**
 * Where the memory is. After the run and a full collection, ArrayBuffers beyond the page cache's are held by
 * something: a cache of promises once kept 40 MB of finished requests alive that way.
 */
export function formatServerMemory(m: BenchReport["serverMemory"]): string[] {
  const out: string[] = [];
  const mb = (x: number) => `${x.toFixed(0)} MB`;
  const cache = (x: ServerMemory) => `page cache ${mb(x.pageCacheMb)}, ${int(x.pageCacheEntries)} pages`;
  if (m?.atPeak) {
    const p = m.atPeak;
    out.push(
      `  at its highest sample (${mb(p.rssMb)}): V8 heap ${mb(p.heapTotalMb)} (${mb(p.heapUsedMb)} in use), ArrayBuffers ${mb(p.arrayBuffersMb)} (${cache(p)}), the rest ${mb(Math.max(0, p.rssMb - p.heapTotalMb - p.arrayBuffersMb))} (the binary, libraries, native memory)`,
    );
  }
  if (m?.afterRun) {
    const a = m.afterRun;
    out.push(
      `  live after the run (a full collection): V8 heap in use ${mb(a.heapUsedMb)}, ArrayBuffers ${mb(a.arrayBuffersMb)} (${cache(a)}; ${mb(Math.max(0, a.arrayBuffersMb - a.pageCacheMb))} beyond it)`,
    );
  }
  return out;
}

/** A warning when the machine's load changed during the run: the static page, measured first and last, disagrees. */
export function driftWarning(scenarios: ScenarioResult[]): string | null {
  const first = scenarios.find((s) => s.id === "static");
  const last = scenarios.find((s) => s.id === "static-end");
  if (!first || !last || !first.rps || !last.rps) return null;
  const change = last.rps / first.rps - 1;
  if (Math.abs(change) <= 0.25) return null;
  return `the static page ran at ${int(first.rps)} req/s first and ${int(last.rps)} req/s last (${change > 0 ? "+" : ""}${(change * 100).toFixed(0)} %): other work on the machine changed during the run, so the ratios of this run are unreliable; run it again.`;
}

// ---- Targets ----

export function evaluateTargets(r: Pick<BenchReport, "scenarios" | "inProcess" | "plans" | "serverPeakRssMb" | "clientJs" | "writeRounds">): TargetResult[] {
  const by = new Map(r.scenarios.map((s) => [s.id, s]));
  const base = staticRps(r.scenarios);
  const insert = by.get("ref-insert");
  const out: TargetResult[] = [];
  // Throughput: repeat views (served from the page cache); latency under one connection: every variant measured.
  for (const id of ["customer-open", "customer-method"]) {
    const s = by.get(id);
    if (s && base) out.push({ id: `${id}-throughput`, name: `${s.name}: throughput`, value: `${(s.rps / base).toFixed(2)} × static`, limit: "≥ 0.50 × static", pass: s.rps >= 0.5 * base });
  }
  for (const id of ["customer-open-1c", "customer-open-first-1c", "customer-method-1c", "customer-method-first-1c"]) {
    const one = by.get(id);
    // A scenario that got no answer (its pool ran out, or every answer took longer than the run) proves nothing.
    if (one) out.push({ id: `${id}-p50`, name: `${one.name}, 1 connection: p50`, value: one.requests ? `${ms(one.p50)} ms` : "no answers", limit: "≤ 15 ms", pass: one.requests > 0 && one.p50 <= 15 });
  }
  for (const id of WRITE_SCENARIOS) {
    const s = by.get(id);
    const once = s && insert ? s.rps / insert.rps : null;
    const rounds = r.writeRounds?.scenarios.find((w) => w.id === id && w.ratios.length > 0);
    if (!s || (once == null && !rounds)) continue;
    // The median of the alternating rounds when there are any; else the main pass's single ratio.
    const ratio = rounds ? rounds.median : once!;
    const value = rounds
      ? `${ratio.toFixed(2)} × insert (median of ${rounds.ratios.length} alternating rounds: ${rounds.ratios.map((x) => x.toFixed(2)).join(", ")}${once != null ? `; main pass ${once.toFixed(2)}` : ""})`
      : `${ratio.toFixed(2)} × insert`;
    out.push({ id: `${id}-throughput`, name: `${s.name}: throughput`, value, limit: "≥ 0.80 × insert one row", pass: ratio >= 0.8 });
  }
  if (r.plans.length) {
    const full = r.plans.filter((p) => p.fullScan);
    const walks = r.plans.filter((p) => p.indexWalk);
    const value = full.length
      ? `full scan in ${full.map((p) => p.id).join(", ")}`
      : `${r.plans.length} queries, all use an index${walks.length ? ` (index walk with a filter in ${walks.map((p) => p.id).join(", ")})` : ""}`;
    out.push({ id: "plans", name: "Query plans", value, limit: "no full scans", pass: full.length === 0 });
  }
  for (const q of r.inProcess.filter((x) => /^(pending|search)-/.test(x.id) && x.id !== "pending-count")) {
    out.push({ id: `${q.id}-time`, name: `${q.name}: query time (app, p50)`, value: `${ms(q.app.p50)} ms (p99 ${ms(q.app.p99)} ms)`, limit: "≤ 5 ms", pass: q.app.p50 <= 5 });
  }
  // Dashboard pages are rendered for every view, so they are held against the customer page's render (its first view),
  // not against a copy from the page cache; the ratio to the repeat view is shown too.
  const customer = by.get("customer-open-first") ?? by.get("customer-open");
  const cached = by.get("customer-open");
  for (const id of ["pending-first", "pending-deep", "search-reference", "search-email"]) {
    const s = by.get(id);
    if (!s || !customer) continue;
    const also = cached && cached !== customer ? ` (${(s.p50 / cached.p50).toFixed(1)} × its repeat view)` : "";
    out.push({ id: `${id}-p50`, name: `${s.name}: p50`, value: `${(s.p50 / customer.p50).toFixed(2)} × customer page's first view${also}`, limit: "≤ 1.5 × customer page", pass: s.p50 <= 1.5 * customer.p50 });
  }
  const bank = r.inProcess.find((x) => x.id === "statement-import");
  if (bank) {
    out.push({ id: "statement-import", name: "Bank statement: parse + match + write", value: `${bank.ratio.toFixed(2)} × parse alone (${ms(bank.app.p50)} ms)`, limit: "≤ 3 × parse alone", pass: bank.ratio <= 3 });
  }
  if (r.serverPeakRssMb != null) out.push({ id: "rss", name: "Server peak RSS", value: `${r.serverPeakRssMb.toFixed(0)} MB`, limit: "≤ 400 MB", pass: r.serverPeakRssMb <= 400 });
  if (r.clientJs) {
    const extra = r.clientJs.gzipKb - r.clientJs.floorGzipKb;
    out.push({ id: "client-js", name: "Customer page client JS", value: `floor + ${extra.toFixed(1)} KB`, limit: "≤ floor + 15 KB", pass: extra <= 15 });
  }
  return out;
}

// ---- SQLite and PostgreSQL side by side ----

/** The reference rows (the framework's ceiling, the one-row read and insert): shown side by side, held to no target. */
const REFERENCE_IDS = new Set(["static", "static-file", "static-end", "ref-read", "ref-insert"]);
/** PostgreSQL's throughput on every page and write scenario, against SQLite's in the same run. */
export const PG_RATIO_TARGET = 0.6;
/** Every list and search query on PostgreSQL (app, p50), ms. */
export const PG_QUERY_TARGET_MS = 5;

export type SideBySideRow = {
  id: string;
  group: string;
  name: string;
  connections: number;
  sqlite: ScenarioResult | null;
  postgres: ScenarioResult;
  /** PostgreSQL req/s ÷ SQLite req/s; null without a SQLite run of the scenario. */
  ratio: number | null;
  reference: boolean;
};

export function sideBySide(sqlite: ScenarioResult[], postgres: ScenarioResult[]): SideBySideRow[] {
  const by = new Map(sqlite.map((s) => [s.id, s]));
  return postgres.map((p) => {
    const s = by.get(p.id) ?? null;
    return { id: p.id, group: p.group, name: p.name, connections: p.connections, sqlite: s, postgres: p, ratio: s && s.rps > 0 ? p.rps / s.rps : null, reference: REFERENCE_IDS.has(p.id) };
  });
}

export function formatSideBySide(rows: SideBySideRow[]): string {
  const cells = rows.map((r) => [
    r.group,
    r.name,
    String(r.connections),
    r.sqlite ? int(r.sqlite.rps) : "—",
    int(r.postgres.rps),
    r.ratio == null ? "—" : r.ratio.toFixed(2),
    r.sqlite ? ms(r.sqlite.p50) : "—",
    ms(r.postgres.p50),
    int(r.postgres.errors),
    r.reference ? "reference" : r.ratio == null ? "?" : r.ratio >= PG_RATIO_TARGET ? "met" : "MISS",
  ]);
  return table(
    ["#", "scenario", "conn", "SQLite req/s", "PG req/s", "PG/SQLite", "SQLite p50", "PG p50", "PG errors", `≥ ${PG_RATIO_TARGET} ×`],
    cells,
    [false, false, true, true, true, true, true, true, true, false],
  )
    .split("\n")
    .map((l) => l.trimEnd())
    .join("\n");
}

/** One line on the server: a payments table larger than shared_buffers is read through the kernel's cache, page by page. */
export function formatPgServer(s: NonNullable<PostgresReport["server"]>): string {
  const fits = s.paymentsMb <= s.sharedBuffersMb ? "fit in" : "do not fit in";
  return `PostgreSQL ${s.version}, shared_buffers ${s.sharedBuffers}; the payments table and its indexes take ${s.paymentsMb.toFixed(0)} MB and ${fits} it`;
}

export function formatPostgres(pg: PostgresReport, sqliteScenarios: ScenarioResult[]): string[] {
  const out: string[] = ["", `PostgreSQL (${pg.database}):`];
  if (pg.server) out.push(formatPgServer(pg.server));
  out.push(
    pg.seed.reused
      ? `Reused a database seeded earlier with ${int(pg.seed.payments)} payments + ${int(pg.seed.events)} events (--reuse-db)`
      : `Seeded ${int(pg.seed.payments)} payments + ${int(pg.seed.events)} events in ${pg.seed.seconds.total.toFixed(1)} s (insert ${pg.seed.seconds.insert.toFixed(1)} s at ${int(pg.seed.rowsPerSecond)} rows/s, indexes, foreign keys and VACUUM ANALYZE ${pg.seed.seconds.indexes.toFixed(1)} s)`,
  );
  if (pg.scenarios.length) out.push("", "SQLite and PostgreSQL side by side (the same scenarios, one after the other, in this run):", formatSideBySide(sideBySide(sqliteScenarios, pg.scenarios)));
  if (pg.serverPeakRssMb != null) out.push("", `Server peak RSS on PostgreSQL: ${pg.serverPeakRssMb.toFixed(0)} MB`);
  if (pg.inProcess.length) out.push("", formatInProcessTable(pg.inProcess, "PostgreSQL in-process (no HTTP)", "raw pg"));
  if (pg.plans.length) out.push("", "PostgreSQL query plans (EXPLAIN):", formatPlans(pg.plans));
  out.push(...pg.notes.map((n) => `Note (PostgreSQL): ${n}`));
  return out;
}

/** PostgreSQL's targets: each page and write scenario ≥ 0.6 × SQLite's in the same run; list and search queries ≤ 5 ms with index plans. */
export function evaluatePostgresTargets(sqliteScenarios: ScenarioResult[], pg: Pick<PostgresReport, "scenarios" | "inProcess" | "plans">): TargetResult[] {
  const out: TargetResult[] = [];
  for (const r of sideBySide(sqliteScenarios, pg.scenarios).filter((x) => !x.reference)) {
    const value = r.ratio == null ? "no SQLite run to compare with" : `${r.ratio.toFixed(2)} × SQLite (${int(r.postgres.rps)} against ${int(r.sqlite!.rps)} req/s)`;
    const name = `PostgreSQL: ${r.name}${r.connections === 1 ? ", 1 connection" : ""}`;
    out.push({ id: `pg-${r.id}`, name, value, limit: `≥ ${PG_RATIO_TARGET} × SQLite`, pass: r.ratio == null ? null : r.ratio >= PG_RATIO_TARGET && r.postgres.errors === 0 });
  }
  if (pg.plans.length) {
    const full = pg.plans.filter((p) => p.fullScan);
    const value = full.length ? `Seq Scan in ${full.map((p) => p.id).join(", ")}` : `${pg.plans.length} queries, all use an index`;
    out.push({ id: "pg-plans", name: "PostgreSQL: query plans", value, limit: "no Seq Scan on payments", pass: full.length === 0 });
  }
  for (const q of pg.inProcess.filter((x) => /^(pending|list|search)-/.test(x.id))) {
    out.push({ id: `pg-${q.id}-time`, name: `PostgreSQL: ${q.name}: query time (app, p50)`, value: `${ms(q.app.p50)} ms (p99 ${ms(q.app.p99)} ms)`, limit: `≤ ${PG_QUERY_TARGET_MS} ms`, pass: q.app.p50 <= PG_QUERY_TARGET_MS });
  }
  return out;
}

// ---- JSON and compare ----

/** bench/results/2026-11-27T21-40-05Z.json: the date and time of the run, so runs on one day do not overwrite each other. */
export function resultFileName(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace(/:/g, "-")}Z.json`;
}

export function writeReport(r: BenchReport, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, resultFileName(new Date(r.date)));
  fs.writeFileSync(file, JSON.stringify(r, null, 2) + "\n");
  return file;
}

export function readReport(file: string): BenchReport {
  const r = JSON.parse(fs.readFileSync(file, "utf8")) as BenchReport;
  if (r.version !== 1 || !Array.isArray(r.scenarios)) throw new Error(`${file} is not a bench result`);
  return r;
}

const change = (now: number, before: number) => (before ? `${now >= before ? "+" : ""}${(((now - before) / before) * 100).toFixed(0)}%` : "—");

/** The change of each scenario and in-process timing of one engine's results against an earlier run's. */
function compareRows(now: Pick<BenchReport, "scenarios" | "inProcess">, before: Pick<BenchReport, "scenarios" | "inProcess">) {
  const old = new Map(before.scenarios.map((s) => [s.id, s]));
  const baseNow = staticRps(now.scenarios);
  const baseOld = staticRps(before.scenarios);
  const rows = now.scenarios
    .filter((s) => old.has(s.id))
    .map((s) => {
      const o = old.get(s.id)!;
      return [
        s.name,
        `${int(o.rps)} → ${int(s.rps)}`,
        change(s.rps, o.rps),
        `${ms(o.p50)} → ${ms(s.p50)}`,
        change(s.p50, o.p50),
        baseNow && baseOld ? `${(o.rps / baseOld).toFixed(2)} → ${(s.rps / baseNow).toFixed(2)}` : "—",
      ];
    });
  const oldQ = new Map(before.inProcess.map((q) => [q.id, q]));
  const qRows = now.inProcess
    .filter((q) => oldQ.has(q.id))
    .map((q) => {
      const o = oldQ.get(q.id)!;
      return [q.name, `${ms(o.app.p50)} → ${ms(q.app.p50)}`, change(q.app.p50, o.app.p50)];
    });
  return { rows, qRows };
}

export function formatCompare(now: BenchReport, before: BenchReport, beforeName = "earlier run"): string {
  const { rows, qRows } = compareRows(now, before);
  const out = [`Change against ${beforeName} (${before.date}, ${int(before.options.payments)} payments):`];
  if (rows.length) out.push(table(["scenario", "req/s", "Δ", "p50 ms", "Δ", "× static"], rows, [false, true, true, true, true, true]));
  if (qRows.length) out.push("", table(["in-process", "app p50 ms", "Δ"], qRows, [false, true, true]));
  if (now.serverPeakRssMb != null && before.serverPeakRssMb != null) {
    out.push("", `Server peak RSS: ${before.serverPeakRssMb.toFixed(0)} → ${now.serverPeakRssMb.toFixed(0)} MB`);
  }
  // PostgreSQL against PostgreSQL, when both runs measured it (a run before --db has no postgres section).
  const pg = now.postgres && before.postgres ? compareRows(now.postgres, before.postgres) : { rows: [], qRows: [] };
  if (pg.rows.length) out.push("", "PostgreSQL:", table(["scenario", "req/s", "Δ", "p50 ms", "Δ", "× static"], pg.rows, [false, true, true, true, true, true]));
  if (pg.qRows.length) out.push("", table(["PostgreSQL in-process", "app p50 ms", "Δ"], pg.qRows, [false, true, true]));
  if (!rows.length && !qRows.length && !pg.rows.length && !pg.qRows.length) out.push("(no scenario in common)");
  return out.join("\n");
}
