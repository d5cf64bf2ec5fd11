// Opens the SQLite database named by DATABASE_URL, applies our pragmas and migrations. No "server-only" here so CLI scripts can use it.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const DEFAULT_DATABASE_URL = "file:./data/app.db";

/** Resolves DATABASE_URL to a file path; only SQLite file URLs are supported for now. */
export function databasePath(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): string {
  if (url === ":memory:") return url;
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite file URL like ${DEFAULT_DATABASE_URL} (got "${url.split(":")[0]}:…")`);
  }
  return path.resolve(/*turbopackIgnore: true*/ url.slice("file:".length));
}

export function openDb(url?: string, { runMigrations = true } = {}): Db {
  const file = databasePath(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // FULL: a committed approval survives a power cut, not only a process crash.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  reusePreparedStatements(sqlite);
  const db = drizzle(sqlite, { schema }) as Db;
  if (runMigrations) migrate(db, { migrationsFolder: migrationsFolder() });
  return db;
}

/**
 * Drizzle prepares every query anew, and compiling SQL costs more than running these small indexed queries. Keep the
 * compiled statements by their SQL text (bounded: lists of ids make texts of their own) and hand them out again,
 * reset to the mode drizzle expects (it switches a statement to raw rows itself when it wants them).
 */
export function reusePreparedStatements(sqlite: Database.Database, max = 500): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const cached = cache.get(source);
    // A statement still stepping through an iterator cannot run again: give that caller a fresh one.
    if (cached && !cached.busy) {
      if (cached.reader) cached.raw(false);
      return cached;
    }
    const stmt = prepare(source);
    if (!cached) {
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      cache.set(source, stmt);
    }
    return stmt;
  }) as Database.Database["prepare"];
}

function migrationsFolder(): string {
  return process.env.MIGRATIONS_DIR || path.join(/*turbopackIgnore: true*/ process.cwd(), "drizzle");
}

const globalForDb = globalThis as unknown as { directPaymentsDb?: Db };

/** One connection per process; the app migrates on first use. */
export function getDb(): Db {
  if (!globalForDb.directPaymentsDb) globalForDb.directPaymentsDb = openDb();
  return globalForDb.directPaymentsDb;
}

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The connection each writeTransaction's tx runs on, so code given only the tx can use that connection's prepared queries. */
const connectionOfTx = new WeakMap<Tx, Db>();

/** Runs fn in a write transaction that takes the write lock up front, so it never fails half-way on a lock upgrade. */
export function writeTransaction<T>(db: Db, fn: (tx: Tx) => T): T {
  return db.transaction(
    (tx) => {
      connectionOfTx.set(tx, db);
      return fn(tx);
    },
    { behavior: "immediate" },
  );
}

/**
 * A query prepared once per connection: `build` runs on a connection's first use, and later calls on that connection get
 * the same drizzle prepared query, so drizzle does not build its SQL again (values go in through sql.placeholder).
 *
 * It may be called with a writeTransaction's tx: better-sqlite3 has one connection and a transaction is its state, not
 * an object of its own (drizzle's tx runs its statements on the same client and session as db), so a query prepared on
 * db and run while the transaction is open is part of it. A tx of any other origin gets queries of its own for its
 * lifetime, which is correct, only not faster.
 *
 * Prepared queries bind placeholders through the column's encoder even for null, unlike the builder: a JSON column
 * would store the text 'null'. Give JSON columns as sql`${sql.placeholder("x")}` with the value already serialised.
 */
export function preparedPerConnection<T>(build: (db: Db | Tx) => T): (db: Db | Tx) => T {
  const prepared = new WeakMap<Db | Tx, T>();
  return (dbOrTx) => {
    const key = connectionOfTx.get(dbOrTx as Tx) ?? dbOrTx;
    let query = prepared.get(key);
    if (query === undefined) {
      query = build(key);
      prepared.set(key, query);
    }
    return query;
  };
}

export function uploadsDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.UPLOAD_DIR || "./data/uploads");
}

/** Where a stored receipt lives; names are ours (random hex + extension), never the uploader's. */
export function uploadPath(name: string): string {
  if (!/^[a-f0-9]{32}\.(png|jpg|webp|pdf)$/.test(name)) throw new Error("Bad upload name");
  return path.join(/*turbopackIgnore: true*/ uploadsDir(), name);
}
