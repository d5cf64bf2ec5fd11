// Where the two engines' SQL differs, each concern in one small place. Raw SQL runs only through rawRows and rawWrite:
// drizzle's raw-query methods differ between engines (better-sqlite3's db.all/db.run against node-postgres's
// db.execute, a row count in `changes` against `rowCount`).
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Db, Tx } from "./connection";
import { ENGINE } from "./tables";

export const IS_POSTGRES = ENGINE === "postgres";

type PgExecute = { execute(q: SQL): Promise<{ rows: unknown[]; rowCount: number | null }> };

/** The rows of a raw SELECT (or a statement with RETURNING). Quote camelCase aliases ("msgId"): PostgreSQL folds the rest. */
export async function rawRows<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  if (IS_POSTGRES) return (await (db as unknown as PgExecute).execute(query)).rows as T[];
  return db.all<T>(query);
}

/** Runs a raw statement that writes (use a tx); resolves to the number of rows it changed. */
export async function rawWrite(tx: Tx, query: SQL): Promise<number> {
  if (IS_POSTGRES) return (await (tx as unknown as PgExecute).execute(query)).rowCount ?? 0;
  return tx.run(query).changes;
}

/** A text field of a JSON column: SQLite's json_extract, PostgreSQL's ->> on jsonb. */
export function jsonText(column: SQLWrapper, key: string): SQL<string | null> {
  if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(key)) throw new Error(`Bad JSON key ${key}`);
  return IS_POSTGRES ? sql<string | null>`(${column} ->> ${sql.raw(`'${key}'`)})` : sql<string | null>`json_extract(${column}, ${sql.raw(`'$.${key}'`)})`;
}

/**
 * Serialises the transactions that touch one key (a rate-limit bucket) until the transaction ends. SQLite's writer
 * already runs one transaction at a time; PostgreSQL takes a transaction-scoped advisory lock on the key's hash, so two
 * instances never read the same row and both write back.
 */
export async function lockKeyForTransaction(tx: Tx, key: string): Promise<void> {
  if (IS_POSTGRES) await rawRows(tx, sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`);
}
