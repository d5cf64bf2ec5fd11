// The app's one connection per process. "server-only": a client bundle that reached the database would fail the build.
// The query modules of db/ take a connection as their first argument, so without this module they can do nothing.
import "server-only";
import { openDb, type Db } from "./connection";

export * from "./connection";

const globalForDb = globalThis as unknown as { directPaymentsDb?: Db };

/** One connection per process; the app migrates on first use. */
export function getDb(): Db {
  if (!globalForDb.directPaymentsDb) globalForDb.directPaymentsDb = openDb();
  return globalForDb.directPaymentsDb;
}
