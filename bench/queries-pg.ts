// In-process measurements on PostgreSQL (no HTTP): the plans (EXPLAIN) of every list and search query built by the
// same query builders as on SQLite (bench/queries.ts listQueries), and their time through the app against raw `pg`
// running the same SQL as named prepared statements; then one Approve and one Confirm transaction the same two ways
// (bench/writes-pg.ts). Runs in a process whose DATABASE_URL is PostgreSQL (bench/pg-child.ts).
import pg from "pg";
import { closeDb, openDatabase, type Db } from "@/db/connection";
import type { Cursor } from "@/lib/cursor";
import { listQueries, stats, type QueryInputs } from "./queries";
import type { InProcessResult, PlanResult } from "./report";
import { pgSource, type RowSource } from "./row-source";
import type { PgInProcessArgs } from "./pg-child";
import { timeWritesPg } from "./writes-pg";

/** What the bench searches for and pages to, from the seeded table (bench/queries.ts pickQueryInputs, on any engine). */
export async function pickQueryInputsFrom(src: RowSource): Promise<QueryInputs> {
  const total = await src.count("SELECT max(id) AS n FROM payments");
  const mid = Math.max(1, Math.floor(total / 2));
  const [row] = await src.all<{ reference: string; email: string; orderId: string }>(
    `SELECT reference, customer_email AS "email", order_id AS "orderId" FROM payments WHERE id >= ? AND customer_email IS NOT NULL AND order_id IS NOT NULL ORDER BY id LIMIT 1`,
    mid,
  );
  const pendingTotal = await src.count("SELECT count(*) AS n FROM payments WHERE status = 'submitted'");
  const cursor = (r: { t: string | number; id: number } | undefined): Cursor | null => (r ? { t: Number(r.t), id: Number(r.id) } : null);
  const [deep] = await src.all<{ t: number; id: number }>(
    "SELECT submitted_at AS t, id FROM payments WHERE status = 'submitted' ORDER BY submitted_at, id LIMIT 1 OFFSET ?",
    Math.floor(pendingTotal * 0.9),
  );
  const [listDeep] = await src.all<{ t: number; id: number }>("SELECT created_at AS t, id FROM payments ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET ?", Math.floor(total * 0.9));
  const [method] = await src.all<{ id: number }>("SELECT id FROM payment_methods ORDER BY id LIMIT 1");
  return {
    reference: row?.reference ?? "00000000",
    email: row?.email ?? "nobody@example.com",
    orderId: row?.orderId ?? "none",
    pendingDeep: cursor(deep),
    listDeep: cursor(listDeep),
    methodId: method?.id ?? 1,
  };
}

/** The tables too large to read whole: a Seq Scan on one of them is a full scan. */
const BIG_TABLES = ["payments", "payment_events"];

/** Classifies a PostgreSQL plan (EXPLAIN's text): a Seq Scan on a big table is a full scan; an index scan with a Filter, a walk. */
export function classifyPgPlan(lines: string[], sqlText = ""): { fullScan: boolean; indexWalk: boolean; summary: string } {
  const nodes = lines.map((l) => l.trim().replace(/^->\s*/, "")).filter((l) => /Scan|Sort|Limit|Aggregate|Result/.test(l) && !/^(Filter|Index Cond|Sort Key):/.test(l));
  const summary = nodes.map((l) => l.replace(/\s+\(cost=.*$/, "")).join("; ");
  const full = nodes.filter((l) => BIG_TABLES.some((t) => new RegExp(`^Seq Scan on ${t}\\b`).test(l)));
  const indexWalk = /\bwhere\b/i.test(sqlText) && lines.some((l) => /^\s*Filter:/.test(l)) && nodes.some((l) => /Index (Only )?Scan/.test(l));
  return full.length ? { fullScan: true, indexWalk, summary: `FULL SCAN: ${full.join("; ")}` } : { fullScan: false, indexWalk, summary };
}

async function explainAll(db: Db, client: pg.Client, inputs: QueryInputs): Promise<PlanResult[]> {
  const out: PlanResult[] = [];
  for (const q of listQueries(db, inputs)) {
    const s = q.query.toSQL();
    const plan = (await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${s.sql}`, s.params)).rows.map((r) => r["QUERY PLAN"]);
    const c = classifyPgPlan(plan, s.sql);
    out.push({ id: q.id, name: q.name, sql: s.sql, plan, fullScan: c.fullScan, indexWalk: c.indexWalk, summary: c.summary });
  }
  return out;
}

async function timeOf(iterations: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

const TIMED = new Set(["pending-first", "pending-deep", "pending-count", "list-first", "list-deep", "search-reference", "search-email", "search-order"]);

async function timeAll(db: Db, client: pg.Client, inputs: QueryInputs, iterations: number): Promise<InProcessResult[]> {
  const results: InProcessResult[] = [];
  for (const q of listQueries(db, inputs).filter((x) => TIMED.has(x.id))) {
    const s = q.query.toSQL();
    const raw = () => client.query({ name: `bench-${q.id}`, text: s.sql, values: s.params });
    for (let i = 0; i < 5; i++) {
      await q.run();
      await raw();
    }
    const app = stats(await timeOf(iterations, async () => q.run()));
    const rawStats = stats(await timeOf(iterations, raw));
    results.push({ id: q.id, name: q.name, iterations, app, raw: rawStats, ratio: app.p50 / Math.max(rawStats.p50, 1e-6) });
  }
  return results;
}

export type PgInProcess = { inputs: QueryInputs; plans: PlanResult[]; inProcess: InProcessResult[] };

export async function pgInProcess(args: PgInProcessArgs): Promise<PgInProcess> {
  const src = pgSource(args.url);
  const db = await openDatabase(args.url, { runMigrations: false });
  const client = new pg.Client({ connectionString: args.url });
  await client.connect();
  try {
    const inputs = await pickQueryInputsFrom(src);
    const plans = await explainAll(db, client, inputs);
    const inProcess = await timeAll(db, client, inputs, args.payments >= 100_000 ? 200 : 50);
    inProcess.push(...(await timeWritesPg(db, client, args.payments >= 100_000 ? 200 : 50)));
    return { inputs, plans, inProcess };
  } finally {
    await client.end();
    await src.close();
    await closeDb(db);
  }
}
