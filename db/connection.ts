// Opens the database DATABASE_URL names (db/engine.ts), applies its migrations, and runs write transactions.
// Scripts (migrate, seed, create-user, the bench) use this directly; app code reaches the database through ./client.
//
// PostgreSQL: a pg.Pool of DATABASE_POOL_SIZE connections (the hot statements run by name: ./pg-statements); reads take any connection, and writeTransaction runs on
// one connection of its own (BEGIN … COMMIT through drizzle's node-postgres transaction), so any number of
// transactions run at once and the database's row locks decide who waits (a guarded UPDATE's second racer finds the
// row changed and updates nothing).
//
// SQLite:
// Two connections per database file, under WAL: a reader (the Db every read goes through) and a writer (the Tx that
// writeTransaction hands out). The reader is `query_only`, so a write that bypasses writeTransaction fails loudly.
// writeTransaction queues on a one-slot async mutex, then runs inside BEGIN IMMEDIATE … COMMIT on the writer: two
// transactions never interleave, even when they await between statements, and the reader never sees uncommitted rows.
// Those of one turn of the event loop share one COMMIT, each in a savepoint of its own (./group-commit).
import fs from "node:fs";
import { AsyncLocalStorage } from "node:async_hooks";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import pg from "pg";
import { Semaphore } from "@/lib/semaphore";
import type * as sqliteSchema from "./schema";
import { ENGINE, schema } from "./tables";
import { cacheStatementsBySql } from "./statement-cache";
import { databaseEngine, DatabaseUrlError } from "./engine";
import { configurePgTypes, migratePostgres } from "./migrate-pg";
import { NamedStatementsClient } from "./pg-statements";
import { GroupCommit } from "./group-commit";
import { BULK_AUTOCHECKPOINT, DEFAULT_AUTOCHECKPOINT, startCheckpointer, type WalCheckpointer } from "./wal-checkpointer";
import { NotifiedCache } from "./notified-cache";

/**
 * A database of either engine. Typed as drizzle's SQLite database (the schemas agree, db/schema-agreement.test.ts);
 * query modules use only what both engines' drizzle instances have — the query builders, `.returning()`,
 * `.onConflictDoUpdate()`, prepared queries' `.execute()` — and raw SQL only through ./dialect.
 */
export type Db = BetterSQLite3Database<typeof sqliteSchema> & { $client: Database.Database };
/** A drizzle instance on the writer connection: only valid inside the writeTransaction that handed it out. */
export type Tx = Db;

export { DEFAULT_DATABASE_URL } from "./engine";

/** Resolves DATABASE_URL (db/engine.ts) to the SQLite file it names. */
export function databasePath(url?: string): string {
  const engine = databaseEngine(url);
  if (engine.kind !== "sqlite") {
    throw new DatabaseUrlError("DATABASE_URL names a PostgreSQL server, not a SQLite file: use openDatabase.");
  }
  return engine.file;
}

/**
 * The writer of a database, kept on its Db (and its Tx) under a registered symbol, never in module state: Next.js
 * bundles this module into more than one server chunk, and each copy would have maps of its own.
 */
const WRITER = Symbol.for("direct-payments.sqlite-writer");

type Writer = {
  tx: Tx;
  client: Database.Database;
  reader: Database.Database;
  lock: Semaphore;
  /** True from BEGIN to COMMIT/ROLLBACK. */
  open: boolean;
  /** The open transaction's token, also carried by its async flow: how a call that would wait for itself is told. */
  current: object | null;
  flow: AsyncLocalStorage<object>;
  group: GroupCommit;
  /**
   * The thread that copies a bulk transaction's log back (./wal-checkpointer): null unless opened with
   * backgroundCheckpoints, started by the first bulk transaction (undefined until then).
   */
  checkpointer: WalCheckpointer | null | undefined;
  /** Bulk transactions running or waiting (bulkWriteTransaction). */
  bulk: number;
};

/**
 * `runMigrations`: migrate on open (default). `backgroundCheckpoints` (SQLite, a file): a bulk transaction's checkpoint
 * runs on a worker thread after its commit instead of inside it (bulkWriteTransaction); the server's database has them.
 */
export type OpenOptions = { runMigrations?: boolean; backgroundCheckpoints?: boolean };

function connect(file: string): Database.Database {
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  // FULL: a committed approval survives a power cut, not only a process crash.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  cacheStatementsBySql(sqlite);
  return sqlite;
}

/**
 * Opens the database a URL (else DATABASE_URL) names, on either engine, migrated unless told not to. The engine must be
 * this process's (db/tables.ts chose its tables from DATABASE_URL at start).
 */
export async function openDatabase(url?: string, { runMigrations = true, backgroundCheckpoints = false }: OpenOptions = {}): Promise<Db> {
  const engine = databaseEngine(url);
  if (engine.kind !== ENGINE) {
    throw new DatabaseUrlError(`This process runs on ${ENGINE === "postgres" ? "PostgreSQL" : "SQLite"} (DATABASE_URL at start); it cannot open a ${engine.kind === "postgres" ? "PostgreSQL" : "SQLite"} database.`);
  }
  if (engine.kind === "sqlite") return openDb(url, { runMigrations, backgroundCheckpoints });
  configurePgTypes();
  const pool = new pg.Pool({ connectionString: engine.url, max: engine.poolSize, Client: NamedStatementsClient });
  // An idle connection the server dropped (a restart, a timeout) reports here; the pool replaces it on next use.
  pool.on("error", () => {});
  try {
    if (runMigrations) await migratePostgres(pool);
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const state: PgState = { pool, flow: new AsyncLocalStorage<object>(), cache: new NotifiedCache(engine.url) };
  Object.defineProperty(db, PG, { value: state, enumerable: false });
  return db;
}

/** The pool under a PostgreSQL database, kept on its Db (like the SQLite writer, never in module state). */
const PG = Symbol.for("direct-payments.pg-pool");
/** Marks a drizzle transaction of PostgreSQL (its value the database's PgState), so writeTransaction given one runs inside it. */
const PG_TX = Symbol.for("direct-payments.pg-tx");

type PgState = { pool: pg.Pool; flow: AsyncLocalStorage<object>; cache: NotifiedCache };

function pgStateOf(db: Db | Tx): PgState | undefined {
  return (db as unknown as Record<symbol, PgState | undefined>)[PG];
}

/** PostgreSQL's cache of sessions, API keys and the business profile (./notified-cache); undefined on SQLite. */
export function notifiedCache(db: Db): NotifiedCache | undefined {
  return pgStateOf(db)?.cache;
}

/**
 * After this process changed a session, a user, an API key or the business profile (given the db, or the tx of
 * the change): its own next request reads them again, without waiting for the change's notification.
 */
export function forgetCached(db: Db | Tx): void {
  const state = pgStateOf(db) ?? (db as unknown as Record<symbol, PgState | undefined>)[PG_TX];
  state?.cache.forget();
}

/** The pg pool of a PostgreSQL database (for the bench's raw reference queries and tests); undefined on SQLite. */
export function pgPool(db: Db): pg.Pool | undefined {
  return pgStateOf(db)?.pool;
}

/** Opens a SQLite database (synchronously: scripts and tests that know they are on SQLite). */
export function openDb(url?: string, { runMigrations = true, backgroundCheckpoints = false }: OpenOptions = {}): Db {
  const file = databasePath(url);
  if (ENGINE !== "sqlite") throw new DatabaseUrlError("This process runs on PostgreSQL (DATABASE_URL at start); use openDatabase.");
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const writerClient = connect(file);
  const tx = drizzle(writerClient, { schema }) as Tx;
  if (runMigrations) migrate(tx, { migrationsFolder: migrationsFolder() });
  // ":memory:" is one database per connection: reader and writer share it (and the reader cannot be query_only).
  const readerClient = file === ":memory:" ? writerClient : connect(file);
  if (readerClient !== writerClient) readerClient.pragma("query_only = ON");
  const db = drizzle(readerClient, { schema }) as Db;
  const lock = new Semaphore(1, Number.POSITIVE_INFINITY);
  const writer: Writer = {
    tx,
    client: writerClient,
    reader: readerClient,
    lock,
    open: false,
    current: null,
    flow: new AsyncLocalStorage<object>(),
    group: new GroupCommit(writerClient, lock),
    checkpointer: backgroundCheckpoints && file !== ":memory:" ? undefined : null,
    bulk: 0,
  };
  Object.defineProperty(db, WRITER, { value: writer, enumerable: false });
  Object.defineProperty(tx, WRITER, { value: writer, enumerable: false });
  return db;
}

function writerOf(db: Db | Tx): Writer {
  const writer = (db as unknown as Record<symbol, Writer | undefined>)[WRITER];
  if (!writer) throw new Error("Not a database opened by openDb (no writer connection)");
  return writer;
}

/** Closes both connections of a SQLite database, or ends a PostgreSQL pool (resolves when its connections are closed). */
export function closeDb(db: Db): Promise<void> {
  const pgState = pgStateOf(db);
  if (pgState) return pgState.cache.close().then(() => pgState.pool.end());
  const w = writerOf(db);
  w.group.flush();
  const closeConnections = () => {
    if (w.reader !== w.client) w.reader.close();
    w.client.close();
  };
  if (!w.checkpointer) {
    closeConnections();
    return Promise.resolve();
  }
  return w.checkpointer.close().then(closeConnections);
}

/** The checkpoint thread of a SQLite database, once a bulk transaction has started it; else null. */
export function walCheckpointer(db: Db): WalCheckpointer | null {
  return pgStateOf(db) ? null : (writerOf(db).checkpointer ?? null);
}

/** The file a database lives in (":memory:" for an in-memory one). */
export function databaseFile(db: Db): string {
  if (pgStateOf(db)) throw new Error("A PostgreSQL database has no file");
  return writerOf(db).client.name;
}

export function migrationsFolder(): string {
  return process.env.MIGRATIONS_DIR || path.join(/*turbopackIgnore: true*/ process.cwd(), "drizzle");
}

/**
 * Runs fn in a write transaction on the writer connection and resolves to what fn resolves to once it is committed;
 * when fn throws, its statements are rolled back and the error thrown again. Transactions of one database queue on an
 * async mutex; the first of a group runs BEGIN IMMEDIATE, which takes SQLite's write lock up front (other processes:
 * busy_timeout), so a transaction never fails half-way on a lock upgrade, and the group commits together
 * (./group-commit). Every write goes through here; the reader refuses writes.
 *
 * Called with a tx (inside a transaction), it runs fn(tx) as part of that transaction. Called with the db from inside
 * a transaction's own flow, it would wait for itself: it throws instead, saying to pass the tx on.
 */
export async function writeTransaction<T>(db: Db | Tx, fn: (tx: Tx) => Promise<T> | T): Promise<T> {
  if ((db as unknown as Record<symbol, unknown>)[PG_TX]) return fn(db);
  const pgState = pgStateOf(db);
  if (pgState) return pgTransaction(db, pgState, fn);
  const w = writerOf(db);
  if (db === w.tx) {
    if (!w.open) throw new Error("A tx was used outside its writeTransaction");
    return fn(w.tx);
  }
  if (w.open && w.current !== null && w.flow.getStore() === w.current) {
    throw new Error("writeTransaction was given the db inside a transaction of the same flow, and would wait for itself: pass the tx on");
  }
  const release = (await w.lock.acquire())!;
  const token = {};
  let result: T;
  let committed: Promise<void>;
  try {
    w.group.enter();
    w.open = true;
    w.current = token;
    try {
      result = await w.flow.run(token, () => fn(w.tx));
    } catch (err) {
      w.group.abandon();
      throw err;
    }
    committed = w.group.leave();
  } finally {
    w.open = false;
    w.current = null;
    release();
  }
  await committed;
  return result;
}

/**
 * writeTransaction for a transaction that writes much at once (a bank statement import). On SQLite opened with
 * backgroundCheckpoints, its COMMIT does not copy the write-ahead log back into the database file, as a commit that
 * takes the log past 1,000 pages otherwise does, on the event loop: a worker thread does it afterwards
 * (./wal-checkpointer). Elsewhere (PostgreSQL, scripts, inside a transaction) it is writeTransaction.
 */
export async function bulkWriteTransaction<T>(db: Db | Tx, fn: (tx: Tx) => Promise<T> | T): Promise<T> {
  // PostgreSQL's Db and transactions have no writer; a SQLite tx is already inside its transaction.
  const w = (db as unknown as Record<symbol, Writer | undefined>)[WRITER];
  if (!w || w.checkpointer === null || db === w.tx) return writeTransaction(db, fn);
  if (w.checkpointer === undefined) w.checkpointer = startCheckpointer(w.client.name);
  const worker = w.checkpointer;
  if (!worker?.running) return writeTransaction(db, fn);
  if (w.bulk++ === 0) w.client.pragma(`wal_autocheckpoint = ${BULK_AUTOCHECKPOINT}`);
  try {
    return await writeTransaction(db, fn);
  } finally {
    // The everyday writes checkpoint in their commits again; the worker copies back what the bulk ones left.
    if (--w.bulk === 0 && w.client.open) {
      w.client.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
      void worker.checkpoint();
    }
  }
}

type PgDrizzle = { transaction<T>(fn: (tx: unknown) => Promise<T>): Promise<T> };

async function pgTransaction<T>(db: Db, state: PgState, fn: (tx: Tx) => Promise<T> | T): Promise<T> {
  if (state.flow.getStore()) {
    // It would not wait for itself here (another pooled connection), but it would not be part of the transaction either.
    throw new Error("writeTransaction was given the db inside a transaction of the same flow, and would not be part of it: pass the tx on");
  }
  return state.flow.run({}, () =>
    (db as unknown as PgDrizzle).transaction(async (tx) => {
      Object.defineProperty(tx, PG_TX, { value: state, enumerable: false });
      return fn(tx as Tx);
    }),
  );
}

/** A single write (a session, a toggle, a profile save): writeTransaction under a shorter name. */
export const write = writeTransaction;

export function uploadsDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.UPLOAD_DIR || "./data/uploads");
}

/** Where a stored receipt lives; names are ours (random hex + extension), never the uploader's. */
export function uploadPath(name: string): string {
  if (!/^[a-f0-9]{32}\.(png|jpg|webp|pdf)$/.test(name)) throw new Error("Bad upload name");
  return path.join(/*turbopackIgnore: true*/ uploadsDir(), name);
}

/** Where the business logo lives, beside the receipts: "logo-" + random hex + its extension (lib/logo.ts), ".part" while written. */
export function logoPath(name: string): string {
  if (!/^logo-[a-f0-9]{32}\.(png|jpg|webp)(\.part)?$/.test(name)) throw new Error("Bad logo name");
  return path.join(/*turbopackIgnore: true*/ uploadsDir(), name);
}

/** The better-sqlite3 connections under a database, for the bench's raw reference statements; app code never uses them. */
export function sqliteConnections(db: Db): { reader: Database.Database; writer: Database.Database } {
  const w = writerOf(db);
  return { reader: w.reader, writer: w.client };
}
