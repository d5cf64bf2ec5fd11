// For tests: a fresh, migrated database of the engine this test process runs on (db/tables.ts: DATABASE_URL at start).
// SQLite: a file in a new temporary folder. PostgreSQL (the vitest project "postgres", DATABASE_URL from
// TEST_DATABASE_URL): a new database on that server, dropped by close().
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import { closeDb, openDatabase, writeTransaction, type Db } from "./connection";
import { rawRows } from "./dialect";
import { createTestDatabase } from "./pg-test-database";
import { ENGINE } from "./tables";

export type TestDb = {
  db: Db;
  /** The DATABASE_URL of this database, for a child process to open it too. */
  url: string;
  close: () => Promise<void>;
};

export async function openTestDb(prefix: string): Promise<TestDb> {
  if (ENGINE === "postgres") {
    const created = await createTestDatabase(prefix.replace(/[^a-z0-9_]/g, "_"));
    const db = await openDatabase(created.url);
    return {
      db,
      url: created.url,
      close: async () => {
        await closeDb(db).catch(() => {});
        await created.drop();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dp-${prefix}-`));
  const url = `file:${path.join(dir, "app.db")}`;
  const db = await openDatabase(url);
  return {
    db,
    url,
    close: async () => {
      await closeDb(db);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs a raw statement in a transaction of its own, for a test's set-up behind the app's back; resolves to its rows. */
export async function testSql<T = unknown>(db: Db, query: SQL): Promise<T[]> {
  return writeTransaction(db, (tx) => rawRows<T>(tx, query));
}
