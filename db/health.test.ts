// The /healthz checks: a migrated database is ok; one that misses a migration, or is closed, is not, and says which.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeDb, openDb, writeTransaction, type Db } from "./connection";
import { rawWrite } from "./dialect";
import { databaseHealth } from "./health";

let dir: string;
let url: string;
const open: Db[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dp-health-"));
  url = `file:${path.join(dir, "app.db")}`;
});

afterEach(() => {
  for (const db of open.splice(0)) {
    try {
      closeDb(db);
    } catch {
      // closed by the test itself
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

function opened(options?: { runMigrations: boolean }): Db {
  const db = openDb(url, options);
  open.push(db);
  return db;
}

describe("databaseHealth", () => {
  it("is ok on a freshly migrated database", async () => {
    expect(await databaseHealth(opened())).toEqual({ status: "ok", database: "ok", migrations: "current" });
  });

  it("says migrations are pending when the last migration was not applied (its row in __drizzle_migrations is gone)", async () => {
    const db = opened();
    await writeTransaction(db, (tx) => rawWrite(tx, sql`DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)`));
    expect(await databaseHealth(db)).toEqual({ status: "unavailable", database: "ok", migrations: "pending", reason: "migrations pending" });
  });

  it("says migrations are pending on a database that was never migrated", async () => {
    expect(await databaseHealth(opened({ runMigrations: false }))).toMatchObject({ status: "unavailable", reason: "migrations pending" });
  });

  it("says migrations are pending when the folder has a migration the database lacks", async () => {
    const db = opened();
    const folder = path.join(dir, "migrations");
    fs.cpSync(path.join(process.cwd(), "drizzle"), folder, { recursive: true });
    const journalFile = path.join(folder, "meta", "_journal.json");
    const journal = JSON.parse(fs.readFileSync(journalFile, "utf8"));
    const last = journal.entries.at(-1);
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: "9999_next" });
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    fs.writeFileSync(path.join(folder, "9999_next.sql"), "CREATE TABLE later (id integer);");
    expect(await databaseHealth(db, folder)).toMatchObject({ status: "unavailable", migrations: "pending" });
  });

  it("says the database is unreachable when its connection is closed, without throwing", async () => {
    const db = opened();
    closeDb(db);
    const health = await databaseHealth(db);
    expect(health).toEqual({ status: "unavailable", database: "unreachable", reason: "database unreachable" });
    expect(JSON.stringify(health)).not.toContain(dir);
  });
});
