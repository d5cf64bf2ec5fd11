// Seeds a PostgreSQL database for the benchmark with the same content as bench/seed.ts gives SQLite: the app's own
// migrations (drizzle-pg/) and functions for the few setup rows, then the payments and their events from the same
// row maker and seed, in batches of one INSERT … SELECT FROM unnest(…) each, with the secondary indexes dropped while
// loading and rebuilt afterwards, then VACUUM ANALYZE. Runs in a process whose DATABASE_URL is PostgreSQL (bench/pg-child.ts).
import pg from "pg";
import { closeDb, openDatabase, pgPool } from "@/db/connection";
import { configurePgTypes } from "@/db/migrate-pg";
import { DEFAULT_MIX, EVENT_COLUMNS, PAYMENT_COLUMNS, planRows, prng, rowMaker, seedResult, seedSetup, STATUSES, type SeedResult, type Status } from "./seed";

/** The PostgreSQL type of each seeded column, for the unnest arrays. */
const PG_TYPES: Record<string, string> = {
  amount: "bigint",
  expires_at: "bigint",
  link_expires_at: "bigint",
  method_id: "integer",
  method_snapshot: "jsonb",
  receipt_size: "integer",
  decided_by_user_id: "integer",
  created_by_user_id: "integer",
  created_by_api_key_id: "integer",
  metadata: "jsonb",
  created_at: "bigint",
  submitted_at: "bigint",
  decided_at: "bigint",
  updated_at: "bigint",
  version: "integer",
  payment_id: "integer",
  id: "integer",
};

/**
 * One INSERT of many rows: each column as one array parameter, unnested together. jsonb columns travel as text and
 * are cast in the SELECT (an array of jsonb would need every element quoted as JSON text anyway).
 */
export function unnestInsert(table: string, columns: readonly string[]): string {
  const type = (c: string) => PG_TYPES[c] ?? "text";
  const arrays = columns.map((c, i) => `$${i + 1}::${type(c) === "jsonb" ? "text" : type(c)}[]`).join(", ");
  const select = columns.map((c) => (type(c) === "jsonb" ? `${c}::jsonb` : c)).join(", ");
  return `INSERT INTO ${table} (${columns.join(", ")}) SELECT ${select} FROM unnest(${arrays}) AS t(${columns.join(", ")})`;
}

/** The database a bench URL names, with the server's maintenance database beside it. */
export function benchDatabase(url: string): { name: string; admin: string } {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ""));
  if (!/^bench_[a-z0-9_]+$/.test(name)) {
    throw new Error(`The bench drops and re-creates the database it seeds, so its name must start with bench_ (lower case, digits, _): got "${name}"`);
  }
  u.pathname = "/postgres";
  return { name, admin: u.toString() };
}

/** The SeedResult kept in the database by an earlier seeding of the same size, or null. */
async function earlierSeed(url: string, payments: number): Promise<SeedResult | null> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const r = await client.query<{ result: SeedResult }>("SELECT result FROM bench_seed_meta WHERE payments = $1", [payments]);
    return r.rows[0]?.result ?? null;
  } catch {
    return null; // no database, or no meta table
  } finally {
    await client.end().catch(() => {});
  }
}

async function recreateDatabase(url: string): Promise<void> {
  const { name, admin } = benchDatabase(url);
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

export type PgSeedOptions = { url: string; payments: number; writePool: number; reuse: boolean; now?: number; seed?: number; log: (s: string) => void };

export async function seedPostgres(opts: PgSeedOptions): Promise<SeedResult & { reused?: boolean }> {
  const log = opts.log;
  if (opts.reuse) {
    const earlier = await earlierSeed(opts.url, opts.payments);
    if (earlier) return { ...earlier, reused: true };
  }
  const now = opts.now ?? Date.now();
  const rand = prng(opts.seed ?? 20261127);
  const t0 = performance.now();
  configurePgTypes();
  await recreateDatabase(opts.url);
  const db = await openDatabase(opts.url);
  const { users, methods, apiKey, apiKeyRow } = await seedSetup(db, now);
  const pool = pgPool(db)!;
  const tSetup = performance.now();

  const indexes = (
    await pool.query<{ name: string; sql: string }>(
      `SELECT indexname AS name, indexdef AS sql FROM pg_indexes WHERE schemaname = 'public' AND tablename IN ('payments', 'payment_events')
         AND indexname NOT IN (SELECT conname FROM pg_constraint)`,
    )
  ).rows;
  // Foreign keys are checked row by row (a trigger each): dropped while loading, added back (one check each) after.
  const foreignKeys = (
    await pool.query<{ table: string; name: string; def: string }>(
      `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
         WHERE contype = 'f' AND conrelid IN ('payments'::regclass, 'payment_events'::regclass)`,
    )
  ).rows;
  for (const fk of foreignKeys) await pool.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT "${fk.name}"`);
  for (const ix of indexes) await pool.query(`DROP INDEX "${ix.name}"`);
  const load = await pool.connect();
  await load.query("SET synchronous_commit = off");

  const makeRow = rowMaker({ payments: opts.payments, now, rand, methods, agentId: users.agent.id, apiKeyId: apiKeyRow.id });
  const plan = planRows(opts.payments, DEFAULT_MIX, now, rand, opts.writePool);
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  const insPayments = unnestInsert("payments", ["id", ...PAYMENT_COLUMNS]);
  const insEvents = unnestInsert("payment_events", EVENT_COLUMNS);
  const methodAt = PAYMENT_COLUMNS.indexOf("method_id");
  let events = 0;
  let openWithMethod = 0;
  const BATCH = 20_000;
  const tInsert0 = performance.now();
  for (let start = 0; start < plan.length; start += BATCH) {
    const pCols: unknown[][] = [[], ...PAYMENT_COLUMNS.map(() => [])];
    const eCols: unknown[][] = EVENT_COLUMNS.map(() => []);
    plan.slice(start, start + BATCH).forEach((r, i) => {
      const id = start + i + 1;
      const { payment, events: evs } = makeRow(r, id);
      pCols[0].push(id);
      payment.forEach((v, c) => pCols[c + 1].push(v));
      for (const e of evs) e.forEach((v, c) => eCols[c].push(v));
      events += evs.length;
      counts[r.status]++;
      if (r.status === "open" && payment[methodAt]) openWithMethod++;
    });
    await load.query(insPayments, pCols);
    await load.query(insEvents, eCols);
    if (plan.length > BATCH) log(`  seeded ${Math.min(start + BATCH, plan.length).toLocaleString("en")} / ${plan.length.toLocaleString("en")} payments`);
  }
  // The ids were given explicitly: the identity sequence continues after them.
  await pool.query("SELECT setval(pg_get_serial_sequence('payments', 'id'), (SELECT coalesce(max(id), 1) FROM payments))");
  load.release();
  const tInsert = performance.now();
  for (const ix of indexes) await pool.query(ix.sql);
  for (const fk of foreignKeys) await pool.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT "${fk.name}" ${fk.def}`);
  await pool.query("VACUUM (ANALYZE) payments");
  await pool.query("VACUUM (ANALYZE) payment_events");
  await pool.query("ANALYZE");
  // The seed's pages are written out now, not by the checkpointer while the scenarios run (as the SQLite seed syncs
  // its file): a run straight after a seed measured PostgreSQL's Confirm and Approve a quarter slower than one on a seed
  // made twenty minutes before.
  await pool.query("CHECKPOINT").catch((err: Error) => log(`  (no CHECKPOINT after the seed: ${err.message})`));
  const tIndexes = performance.now();
  const result = seedResult(
    opts.url.replace(/\/\/[^@/]*@/, "//"),
    { users, methods, apiKey, apiKeyRow },
    { payments: opts.payments, events, counts, openWithMethod },
    { t0, tSetup, tInsert0, tInsert, tIndexes, tEnd: performance.now() },
  );

  await pool.query("CREATE TABLE bench_seed_meta (payments integer PRIMARY KEY, result jsonb NOT NULL)");
  await pool.query("INSERT INTO bench_seed_meta (payments, result) VALUES ($1, $2)", [opts.payments, JSON.stringify(result)]);
  await closeDb(db);
  return result;
}
