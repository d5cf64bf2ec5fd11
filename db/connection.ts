// Opens the SQLite database named by DATABASE_URL, applies our pragmas and migrations, and runs write transactions.
// Scripts (migrate, seed, create-user, the bench) use this directly; app code reaches the database through ./client.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";
import { cacheStatementsBySql, runsOn } from "./statement-cache";

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
  cacheStatementsBySql(sqlite);
  const db = drizzle(sqlite, { schema }) as Db;
  if (runMigrations) migrate(db, { migrationsFolder: migrationsFolder() });
  return db;
}

function migrationsFolder(): string {
  return process.env.MIGRATIONS_DIR || path.join(/*turbopackIgnore: true*/ process.cwd(), "drizzle");
}

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Runs fn in a write transaction that takes the write lock up front, so it never fails half-way on a lock upgrade. */
export function writeTransaction<T>(db: Db, fn: (tx: Tx) => T): T {
  return db.transaction(
    (tx) => {
      runsOn(tx, db);
      return fn(tx);
    },
    { behavior: "immediate" },
  );
}

export function uploadsDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.UPLOAD_DIR || "./data/uploads");
}

/** Where a stored receipt lives; names are ours (random hex + extension), never the uploader's. */
export function uploadPath(name: string): string {
  if (!/^[a-f0-9]{32}\.(png|jpg|webp|pdf)$/.test(name)) throw new Error("Bad upload name");
  return path.join(/*turbopackIgnore: true*/ uploadsDir(), name);
}
