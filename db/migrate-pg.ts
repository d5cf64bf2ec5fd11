// Applies the committed PostgreSQL migrations (drizzle-pg/) and sets how node-postgres reads bigints. Every instance
// runs this on start; an advisory lock makes instances that start together take turns, and each after the first finds
// nothing left to do.
import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

/** The pg_advisory_lock key held while migrating: any fixed 64-bit number, the same in every instance ("dpmigrat"). */
export const MIGRATION_LOCK_KEY = "7237404900658930036";

/**
 * node-postgres returns int8 (bigint columns, count(*)) as strings, since a JavaScript number is exact only below 2^53.
 * Ours are amounts in minor units, millisecond timestamps and counts, all far below, so they come back as numbers; a
 * value past 2^53 fails its query rather than come back rounded. The parser is global to the `pg` module (drizzle's
 * node-postgres driver asks it too): call this once per process before the first query. sum() of a bigint is numeric,
 * not int8, and still comes back as a string.
 */
export function configurePgTypes(): void {
  pg.types.setTypeParser(pg.types.builtins.INT8, parseInt8);
}

export function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`The bigint ${value} is past 2^53 and cannot be read exactly as a number`);
  return n;
}

export function pgMigrationsFolder(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "drizzle-pg");
}

/**
 * Runs drizzle's migrator on one connection that holds the advisory lock. Given a URL it opens and closes its own
 * connection; given a pool it borrows one and gives it back.
 */
export async function migratePostgres(target: pg.Pool | string, migrationsFolder = pgMigrationsFolder()): Promise<void> {
  const pool = typeof target === "string" ? new pg.Pool({ connectionString: target, max: 1 }) : target;
  try {
    const client = await pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
      await migrate(drizzle({ client }), { migrationsFolder });
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
      client.release();
    } catch (error) {
      // Closing the connection ends its session, which releases the lock if it was taken.
      client.release(error instanceof Error ? error : true);
      throw error;
    }
  } finally {
    if (typeof target === "string") await pool.end();
  }
}
