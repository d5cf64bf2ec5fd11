// The health check behind GET /healthz: the database answers, and every migration in the migrations folder has been
// applied. Never throws, and says nothing a stranger should not know (no paths, versions or error text).
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { migrationsFolder, type Db } from "./connection";
import { IS_POSTGRES, rawRows } from "./dialect";
import { pgMigrationsFolder } from "./migrate-pg";

export type DatabaseHealth =
  | { status: "ok"; database: "ok"; migrations: "current" }
  | { status: "unavailable"; database: "ok"; migrations: "pending"; reason: "migrations pending" }
  | { status: "unavailable"; database: "unreachable"; reason: "database unreachable" };

type Applied = { hash: string; createdAt: number | string | null };

/** The migrations of a folder, as drizzle's migrator records them (hash of the file, the journal's `when`). */
function expectedMigrations(folder: string): { hash: string; folderMillis: number }[] {
  return readMigrationFiles({ migrationsFolder: folder });
}

/**
 * Checks the database with a trivial query, then compares drizzle's record of applied migrations (SQLite:
 * `__drizzle_migrations`; PostgreSQL: `drizzle.__drizzle_migrations`) with the folder's journal: the same
 * number of rows, and the latest row is the journal's last entry (same hash and time).
 */
export async function databaseHealth(db: Db, folder = IS_POSTGRES ? pgMigrationsFolder() : migrationsFolder()): Promise<DatabaseHealth> {
  const table = IS_POSTGRES ? sql`drizzle.__drizzle_migrations` : sql`__drizzle_migrations`;
  let applied: Applied[];
  let count: number;
  try {
    await rawRows(db, sql`SELECT 1 AS ok`);
    const hasTable = await rawRows<{ n: number }>(
      db,
      IS_POSTGRES
        ? sql`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'drizzle' AND table_name = '__drizzle_migrations'`
        : sql`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`,
    );
    if (Number(hasTable[0]?.n ?? 0) === 0) {
      applied = [];
      count = 0;
    } else {
      applied = await rawRows<Applied>(db, sql`SELECT hash, created_at AS "createdAt" FROM ${table} ORDER BY created_at DESC LIMIT 1`);
      const counted = await rawRows<{ n: number | string }>(db, sql`SELECT count(*) AS n FROM ${table}`);
      count = Number(counted[0]?.n ?? 0);
    }
  } catch {
    return { status: "unavailable", database: "unreachable", reason: "database unreachable" };
  }
  let expected: { hash: string; folderMillis: number }[];
  try {
    expected = expectedMigrations(folder);
  } catch {
    // A missing or unreadable migrations folder: we cannot say the schema is current.
    return { status: "unavailable", database: "ok", migrations: "pending", reason: "migrations pending" };
  }
  const last = expected.at(-1);
  const latest = applied[0];
  const current =
    count >= expected.length &&
    (last === undefined || (latest !== undefined && latest.hash === last.hash && Number(latest.createdAt) === last.folderMillis));
  if (!current) return { status: "unavailable", database: "ok", migrations: "pending", reason: "migrations pending" };
  return { status: "ok", database: "ok", migrations: "current" };
}
