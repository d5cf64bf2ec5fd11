// Raw SQL, the one place it runs: drizzle's raw-query methods differ between engines (better-sqlite3's db.all/db.run
// against node-postgres's db.execute, a row count in `changes` against `rowCount`), so every raw statement of the
// query modules goes through these two.
import type { SQL } from "drizzle-orm";
import type { Db, Tx } from "./connection";

/** The rows of a raw SELECT (or a statement with RETURNING). */
export async function rawRows<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  return db.all<T>(query);
}

/** Runs a raw statement that writes (use a tx); resolves to the number of rows it changed. */
export async function rawWrite(tx: Tx, query: SQL): Promise<number> {
  return tx.run(query).changes;
}
