// npm run bench: seeds a throw-away database, serves the production build with `next start`, drives it with autocannon,
// and prints one table of req/s, latency and errors with ratios to the framework's and the database's own limits.
// Usage: npm run bench -- [--payments 1000000] [--duration 10] [--warmup 3] [--connections 50]
//                         [--compare FILE|latest|none] [--rebuild] [--reuse-db] [--no-server] [--out bench/results] [--only id,id]
//                         [--db postgres://…/bench_x] [--engines sqlite,postgres]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb, openDb, sqliteConnections } from "@/db/connection";
import { runPgChild } from "./pg-child";
import type { PgInProcess } from "./queries-pg";
import { pickQueryInputs, queryPlans, timeApiCreate, timeDecision, timeQueries, timeSubmit } from "./queries";
import { timeStatementImport } from "./bank";
import {
  formatPgServer,
  driftWarning,
  evaluatePostgresTargets,
  evaluateTargets,
  formatCompare,
  formatReport,
  machineInfo,
  readReport,
  writeReport,
  type BenchReport,
  type PostgresReport,
  type ScenarioResult,
} from "./report";
import { pgSource, sqliteSource } from "./row-source";
import { seedBenchDb, type SeedResult } from "./seed";
import { serveScenarios } from "./serve";
import { ensureBuild } from "./server";

export type Args = {
  payments: number;
  duration: number;
  warmup: number;
  connections: number;
  /** A result to print the change against: a file, "latest" (the newest in --out) or null for none. */
  compare: string | null;
  rebuild: boolean;
  reuseDb: boolean;
  server: boolean;
  out: string;
  tmp: string;
  only: string[] | null;
  writePool: number;
  /** Alternating rounds of the writes against the one-row insert (bench/rounds.ts); 0: none. */
  rounds: number;
  /** Lines of the camt.053 file the in-process bank import measures (the target is held at 10,000). */
  statementLines: number;
  /** Node.js flags for the server instead of npm start's (e.g. "--max-old-space-size=256", "--cpu-prof"). */
  nodeOptions: string | null;
  /** A PostgreSQL database to run the same scenarios on (its name must start with bench_: it is dropped and re-created). */
  db: string | null;
  /** Which engines to run: SQLite, and PostgreSQL when --db names one. */
  engines: ("sqlite" | "postgres")[];
};

/** The committed result every run is compared with unless told otherwise; new runs go to bench/results/ (git-ignored). */
export const BASELINE = "bench/baseline.json";

const USAGE = `npm run bench -- [options]
  --payments N      payments to seed (default 1000000; 100000 is a quick run)
  --duration S      measured seconds per scenario (default 10)
  --warmup S        warm-up seconds per scenario, not recorded (default 3)
  --connections C   concurrent connections (default 50)
  --compare FILE    print the change against an earlier result: a JSON file, "latest" (the newest in --out)
                    or "none" (default ${BASELINE}, the committed baseline)
  --rebuild         build the production server even if the last build is fresh
  --reuse-db        keep the seeded database of an earlier run with the same --payments (for quick iterations)
  --no-server       seed and measure in-process only (no build, no HTTP)
  --only a,b        run only these scenario ids (plus the static page and the reference points)
  --out DIR         where to write the JSON result (default bench/results, ignored by git)
  --node-options S  Node.js flags for the server instead of npm start's, e.g. "--max-old-space-size=256" or
                    "--cpu-prof --cpu-prof-dir=/tmp/prof" (a profile written when the server stops)
  --write-pool N    at least N open payments with a method and N submitted ones, for the writes, beside those the page views take (default 20000: the main pass and the rounds at 500 writes a second)
  --rounds N        alternating rounds of the writes against the one-row insert, which their targets read (default 3)
  --statement-lines N  lines of the bank statement imported in-process (default 10000, which the target is for)
  --tmp DIR         where the seeded database goes (default bench/tmp)
  --db URL          also run every scenario on PostgreSQL: postgres://user@host:5432/bench_name (a database whose
                    name starts with bench_; the bench drops and re-creates it, or with --reuse-db keeps it when it
                    holds the same --payments), and put SQLite and PostgreSQL side by side
  --engines LIST    sqlite, postgres or sqlite,postgres (default: sqlite, plus postgres with --db)`;

export function parseArgs(argv: string[]): Args {
  const a: Args = {
    payments: 1_000_000,
    duration: 10,
    warmup: 3,
    connections: 50,
    compare: BASELINE,
    rebuild: false,
    reuseDb: false,
    server: true,
    out: "bench/results",
    tmp: "bench/tmp",
    only: null,
    writePool: 20_000,
    statementLines: 10_000,
    rounds: 3,
    nodeOptions: null,
    db: null,
    engines: [],
  };
  const num = (v: string | undefined, name: string, min: number) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new Error(`${name} needs a number ≥ ${min}\n\n${USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "--payments":
        a.payments = Math.floor(num(value(), flag, 100));
        break;
      case "--duration":
        a.duration = num(value(), flag, 1);
        break;
      case "--warmup":
        a.warmup = num(value(), flag, 0);
        break;
      case "--connections":
        a.connections = Math.floor(num(value(), flag, 1));
        break;
      case "--compare":
        a.compare = value() ?? null;
        if (a.compare === "none") a.compare = null;
        break;
      case "--rebuild":
        a.rebuild = true;
        break;
      case "--reuse-db":
        a.reuseDb = true;
        break;
      case "--no-server":
        a.server = false;
        break;
      case "--out":
        a.out = value();
        break;
      case "--tmp":
        a.tmp = value();
        break;
      case "--only":
        a.only = value().split(",").map((s) => s.trim()).filter(Boolean);
        break;
      case "--write-pool":
        a.writePool = Math.floor(num(value(), flag, 0));
        break;
      case "--rounds":
        a.rounds = Math.floor(num(value(), flag, 0));
        break;
      case "--statement-lines":
        a.statementLines = Math.floor(num(value(), flag, 10));
        break;
      case "--node-options":
        a.nodeOptions = value();
        break;
      case "--db":
        a.db = value();
        if (!/^postgres(ql)?:\/\//.test(a.db ?? "")) throw new Error(`--db needs a postgres:// URL\n\n${USAGE}`);
        break;
      case "--engines": {
        const list = value().split(",").map((x) => x.trim());
        if (!list.length || list.some((x) => x !== "sqlite" && x !== "postgres")) throw new Error(`--engines takes sqlite, postgres or both\n\n${USAGE}`);
        a.engines = list as Args["engines"];
        break;
      }
      case "--help":
      case "-h":
        throw new Error(USAGE);
      default:
        throw new Error(`Unknown option ${arg}\n\n${USAGE}`);
    }
  }
  if (!a.engines.length) a.engines = a.db ? ["sqlite", "postgres"] : ["sqlite"];
  if (a.engines.includes("postgres") && !a.db) throw new Error(`--engines postgres needs --db postgres://…\n\n${USAGE}`);
  return a;
}

function latestResult(dir: string): string | null {
  if (!fs.existsSync(dir)) return null;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  return files.length ? path.join(dir, files[files.length - 1]) : null;
}

/** Seeds, or with --reuse-db takes the database an earlier run seeded with the same size. */
async function seedOrReuse(a: Args, log: (s: string) => void): Promise<SeedResult> {
  const file = path.resolve(a.tmp, `bench-${a.payments}.db`);
  const meta = `${file}.json`;
  if (a.reuseDb && fs.existsSync(file) && fs.existsSync(meta)) {
    log(`Reusing the seeded database ${path.relative(process.cwd(), file)} (--reuse-db).`);
    return JSON.parse(fs.readFileSync(meta, "utf8")) as SeedResult;
  }
  log(`Seeding ${a.payments.toLocaleString("en")} payments into ${path.relative(process.cwd(), file)}…`);
  const seeded = await seedBenchDb({ payments: a.payments, file, writePool: a.server ? a.writePool : 0, log });
  fs.writeFileSync(meta, JSON.stringify(seeded, null, 2));
  log(
    `Seeded ${seeded.payments.toLocaleString("en")} payments and ${seeded.events.toLocaleString("en")} events in ${seeded.seconds.total.toFixed(1)} s ` +
      `(bulk insert ${seeded.rowsPerSecond.toLocaleString("en")} rows/s, indexes ${seeded.seconds.indexes.toFixed(1)} s).`,
  );
  return seeded;
}

/** The SQLite half in-process: plans, query times, one decision transaction each way, the bank import (no server yet). */
async function sqliteInProcess(a: Args, seeded: SeedResult, notes: string[], log: (s: string) => void) {
  log("In-process: query plans, query times, one Approve, Confirm and API create transaction (app against raw better-sqlite3)…");
  // As the server opens it (db/client.ts): the import's checkpoint on a worker thread (bulkWriteTransaction).
  const db = openDb(`file:${seeded.file}`, { backgroundCheckpoints: true });
  const { reader } = sqliteConnections(db);
  const inputs = pickQueryInputs(reader);
  const plans = queryPlans(db, inputs);
  const inProcess = await timeQueries(db, inputs, a.payments >= 100_000 ? 200 : 50);
  const submittedForTx = (
    reader.prepare("SELECT id FROM payments WHERE status = 'submitted' ORDER BY id DESC LIMIT 400").all() as { id: number }[]
  ).map((r) => r.id);
  const decision = await timeDecision(db, submittedForTx, seeded.agent.id, 200);
  if (decision) inProcess.push(decision);
  // One Confirm on the newest open payments with a method (the HTTP Confirm pool is read later, of those still open).
  const openForTx = (
    reader
      .prepare("SELECT id FROM payments WHERE status = 'open' AND method_id IS NOT NULL AND expires_at > ? ORDER BY id DESC LIMIT 400")
      .all(Date.now() + 3600_000) as { id: number }[]
  ).map((r) => r.id);
  const submit = await timeSubmit(db, openForTx, 200);
  if (submit) inProcess.push(submit);
  inProcess.push(await timeApiCreate(db, seeded.apiKeyId, 200));
  log(`In-process: a ${a.statementLines.toLocaleString("en")}-line camt.053 imported and matched, against parsing it alone…`);
  const bank = await timeStatementImport(db, a.statementLines);
  inProcess.push(bank.result);
  plans.push(...bank.plans);
  notes.push(`The bank statement import matched its ${a.statementLines.toLocaleString("en")} lines as: ${bank.summary}.`);
  await closeDb(db);
  for (const p of plans.filter((x) => x.fullScan)) log(`  FULL SCAN in ${p.name}: ${p.summary}`);
  return { plans, inProcess, inputs };
}

/** A database URL without its password, for the report. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
}

/** What PostgreSQL's speed here depends on beside the app: its version, its buffer cache and what the payments take. */
async function pgServerSettings(url: string): Promise<NonNullable<PostgresReport["server"]>> {
  const src = pgSource(url);
  try {
    const [row] = await src.all<{ version: string; shared_buffers: string; buffers_bytes: string; payments_bytes: string }>(
      `SELECT current_setting('server_version') AS version, current_setting('shared_buffers') AS shared_buffers,
        (SELECT setting::bigint * 8192 FROM pg_settings WHERE name = 'shared_buffers') AS buffers_bytes,
        pg_total_relation_size('payments') AS payments_bytes`,
    );
    return { version: row.version, sharedBuffers: row.shared_buffers, sharedBuffersMb: Number(row.buffers_bytes) / 2 ** 20, paymentsMb: Number(row.payments_bytes) / 2 ** 20 };
  } finally {
    await src.close();
  }
}

/**
 * The PostgreSQL half: seeds (or reuses) the database --db names, then in a child process on DATABASE_URL=postgres the
 * plans and query times; then the same server scenarios as SQLite, with the server on PostgreSQL.
 */
async function postgresHalf(a: Args, url: string, buildDir: string | null, log: (s: string) => void): Promise<PostgresReport> {
  log(`PostgreSQL: seeding ${a.payments.toLocaleString("en")} payments into ${redactUrl(url)}${a.reuseDb ? " (or reusing it, --reuse-db)" : ""}…`);
  const seeded = await runPgChild<SeedResult & { reused?: boolean }>("seed", { url, payments: a.payments, writePool: a.server ? a.writePool : 0, reuse: a.reuseDb }, url, log);
  log(
    seeded.reused
      ? `Reusing the seeded PostgreSQL database (--reuse-db).`
      : `Seeded PostgreSQL: ${seeded.payments.toLocaleString("en")} payments and ${seeded.events.toLocaleString("en")} events in ${seeded.seconds.total.toFixed(1)} s (insert ${seeded.rowsPerSecond.toLocaleString("en")} rows/s, indexes, foreign keys and VACUUM ANALYZE ${seeded.seconds.indexes.toFixed(1)} s).`,
  );
  log("PostgreSQL in-process: EXPLAIN of every list and search query, their time through the app against raw pg…");
  const q = await runPgChild<PgInProcess>("inprocess", { url, payments: a.payments }, url, log);
  for (const p of q.plans.filter((x) => x.fullScan)) log(`  FULL SCAN in ${p.name}: ${p.summary}`);
  const server = await pgServerSettings(url);
  log(`PostgreSQL server: ${formatPgServer(server)}`);
  const out: PostgresReport = {
    database: redactUrl(url),
    server,
    seed: { payments: seeded.payments, events: seeded.events, counts: seeded.counts, seconds: seeded.seconds, rowsPerSecond: seeded.rowsPerSecond, ...(seeded.reused ? { reused: true } : {}) },
    scenarios: [],
    inProcess: q.inProcess,
    plans: q.plans,
    serverPeakRssMb: null,
    notes: [],
  };
  if (!a.server || !buildDir) return out;
  const src = pgSource(url);
  try {
    log("PostgreSQL: the same scenarios with the server on PostgreSQL…");
    // No alternating rounds here: PostgreSQL's writes are held against SQLite's, not against an insert of their own.
    const phase = await serveScenarios({ a: { ...a, rounds: 0 }, buildDir, seeded, databaseUrl: url, src, pendingDeep: q.inputs.pendingDeep, dataDir: path.resolve(a.tmp, "data-pg"), log });
    out.scenarios = phase.scenarios;
    out.serverPeakRssMb = phase.peakRss;
    if (phase.serverMemory) out.serverMemory = phase.serverMemory;
  } finally {
    await src.close();
  }
  return out;
}

export async function main(argv: string[], log: (s: string) => void = console.log): Promise<{ report: BenchReport; file: string }> {
  const a = parseArgs(argv);
  const started = new Date();
  const notes: string[] = [];
  const machine = machineInfo();
  log(`Direct Payments benchmark: ${a.payments.toLocaleString("en")} payments, ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}`);
  const compareWith = a.compare === "latest" ? latestResult(a.out) : a.compare && fs.existsSync(a.compare) ? a.compare : null;
  if (a.compare && a.compare !== "latest" && !compareWith) log(`No ${a.compare} to compare with; the run is printed on its own.`);

  const build = a.server ? await ensureBuild({ force: a.rebuild, log }) : null;
  const onSqlite = a.engines.includes("sqlite");
  const seeded = onSqlite ? await seedOrReuse(a, log) : null;
  const sq = seeded ? await sqliteInProcess(a, seeded, notes, log) : null;
  const plans = sq?.plans ?? [];
  const inProcess = sq?.inProcess ?? [];

  const scenarios: ScenarioResult[] = [];
  let peakRss: number | null = null;
  let serverMemory: BenchReport["serverMemory"] | null = null;
  let clientJs: BenchReport["clientJs"] = null;
  let writeRounds: BenchReport["writeRounds"];

  if (a.server && build && seeded) {
    const src = sqliteSource(seeded.file);
    try {
      const phase = await serveScenarios({
        a,
        buildDir: build.dir,
        seeded,
        databaseUrl: `file:${seeded.file}`,
        src,
        pendingDeep: sq?.inputs.pendingDeep ?? null,
        dataDir: path.resolve(a.tmp, "data"),
        log,
      });
      ({ peakRss, serverMemory, clientJs } = phase);
      writeRounds = phase.writeRounds ?? undefined;
      scenarios.push(...phase.scenarios);
      notes.push(...phase.notes);
    } finally {
      await src.close();
    }
  }
  const postgres = a.db && a.engines.includes("postgres") ? await postgresHalf(a, a.db, build?.dir ?? null, log) : undefined;

  const drift = driftWarning(scenarios);
  if (drift) notes.unshift(`${drift} (load average now ${os.loadavg().map((x) => x.toFixed(2)).join(" ")})`);
  const pgDrift = postgres ? driftWarning(postgres.scenarios) : null;
  if (pgDrift) notes.unshift(`PostgreSQL half: ${pgDrift}`);
  const partial = { scenarios, inProcess, plans, serverPeakRssMb: peakRss, clientJs, writeRounds };
  const seedOf = seeded ?? postgres!.seed;
  const report: BenchReport = {
    version: 1,
    date: started.toISOString(),
    machine,
    options: {
      payments: a.payments,
      duration: a.duration,
      warmup: a.warmup,
      connections: a.connections,
      ...(a.nodeOptions ? { nodeOptions: a.nodeOptions } : {}),
      ...(a.db ? { engines: a.engines } : {}),
    },
    seed: { payments: seedOf.payments, events: seedOf.events, counts: seedOf.counts, seconds: seedOf.seconds, rowsPerSecond: seedOf.rowsPerSecond },
    ...(build ? { build: { reused: build.reused, seconds: build.seconds } } : {}),
    serverPeakRssMb: peakRss,
    ...(serverMemory ? { serverMemory } : {}),
    clientJs,
    scenarios,
    ...(writeRounds ? { writeRounds } : {}),
    inProcess,
    plans,
    targets: [...evaluateTargets(partial), ...(postgres ? evaluatePostgresTargets(scenarios, postgres) : [])],
    notes,
    ...(postgres ? { postgres } : {}),
  };
  log("");
  log(formatReport(report));
  const file = writeReport(report, a.out);
  log(`\nWrote ${path.relative(process.cwd(), file)}`);
  if (compareWith) {
    try {
      log("\n" + formatCompare(report, readReport(compareWith), path.basename(compareWith)));
    } catch (err) {
      log(`Could not compare with ${compareWith}: ${(err as Error).message}`);
    }
  }
  return { report, file };
}

const isMain = process.argv[1] && /bench[\\/]run\.ts$/.test(process.argv[1]);
if (isMain) {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
