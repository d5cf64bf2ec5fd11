// The app's database, one per process. "server-only": a client bundle that reached the database would fail the build.
// The query modules of db/ take a database as their first argument, so without this module they can do nothing.
import "server-only";
import { closeDb, openDatabase, type Db } from "./connection";

export * from "./connection";

const globalForDb = globalThis as unknown as { directPaymentsDb?: Promise<Db> };

/**
 * The process's database, opened (and migrated) on first use. Async because getting an engine ready may take a round
 * trip (PostgreSQL's migrations); the promise is kept on globalThis, so every server chunk shares it. A failed open is
 * not kept: the next call tries again.
 */
export function getDb(): Promise<Db> {
  if (!globalForDb.directPaymentsDb) {
    globalForDb.directPaymentsDb = Promise.resolve()
      // On SQLite a bulk transaction's checkpoint runs on a worker thread, not in its commit (bulkWriteTransaction).
      .then(() => openDatabase(undefined, { backgroundCheckpoints: true }))
      .catch((err) => {
        globalForDb.directPaymentsDb = undefined;
        throw err;
      });
  }
  return globalForDb.directPaymentsDb;
}

/** For a shutdown: closes the process's database if it was opened. Queries after this fail; the process is ending. */
export async function closeOpenDb(): Promise<void> {
  const opening = globalForDb.directPaymentsDb;
  if (!opening) return;
  const db = await opening.catch(() => null);
  if (db) await closeDb(db);
}
