// A bulk transaction's checkpoint on a worker thread (./wal-checkpointer, bulkWriteTransaction in ./connection): its
// COMMIT leaves the write-ahead log to the worker; the everyday writes still checkpoint in their own commits.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bulkWriteTransaction, closeDb, openDb, sqliteConnections, walCheckpointer, writeTransaction, type Db } from "./connection";
import { BULK_AUTOCHECKPOINT, DEFAULT_AUTOCHECKPOINT } from "./wal-checkpointer";
import { IS_POSTGRES } from "./dialect";

// Well past SQLite's 1,000 pages in the log, in one transaction (a row fills most of a 4 KB page).
const ROWS = 1500;

function autocheckpoint(db: Db): number {
  return sqliteConnections(db).writer.pragma("wal_autocheckpoint", { simple: true }) as number;
}

/** A transaction's body that writes ROWS rows and says what the writer's wal_autocheckpoint was inside it. */
function fillRows(db: Db): () => { autocheckpoint: number } {
  const { writer } = sqliteConnections(db);
  writer.exec("CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  const insert = writer.prepare("INSERT INTO filler (body) VALUES (?)");
  return () => {
    for (let i = 0; i < ROWS; i++) insert.run("x".repeat(3000));
    return { autocheckpoint: autocheckpoint(db) };
  };
}

function count(db: Db): number {
  return (sqliteConnections(db).reader.prepare("SELECT count(*) AS n FROM filler").get() as { n: number }).n;
}

describe.skipIf(IS_POSTGRES)("a bulk transaction's checkpoint on a worker thread", () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dp-wal-"));
    file = path.join(dir, "app.db");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("an everyday commit past 1,000 pages copies the log back itself, on the writer", async () => {
    const db = openDb(`file:${file}`, { backgroundCheckpoints: true });
    try {
      const fill = fillRows(db);
      const before = fs.statSync(file).size;
      const seen = await writeTransaction(db, fill);
      expect(seen.autocheckpoint).toBe(DEFAULT_AUTOCHECKPOINT);
      // Copied into the database file by the time the commit returned.
      expect(fs.statSync(file).size).toBeGreaterThan(before + ROWS * 3000);
      // No bulk transaction yet: no worker.
      expect(walCheckpointer(db)).toBeNull();
    } finally {
      await closeDb(db);
    }
  });

  it("a bulk commit leaves the log to the worker, which copies it back; then the writer checkpoints again", async () => {
    const db = openDb(`file:${file}`, { backgroundCheckpoints: true });
    try {
      const fill = fillRows(db);
      const seen = await bulkWriteTransaction(db, fill);
      // Its commit ran with the writer's own checkpoints held off…
      expect(seen.autocheckpoint).toBe(BULK_AUTOCHECKPOINT);
      // …and the worker copied all of the log back.
      const worker = walCheckpointer(db)!;
      expect(worker.running).toBe(true);
      const done = await worker.latest!;
      expect(done.busy).toBe(0);
      expect(done.log).toBeGreaterThanOrEqual(ROWS);
      expect(done.checkpointed).toBe(done.log);
      expect(fs.statSync(file).size).toBeGreaterThan(ROWS * 3000);
      expect(autocheckpoint(db)).toBe(DEFAULT_AUTOCHECKPOINT);
      expect(count(db)).toBe(ROWS);
    } finally {
      await closeDb(db);
    }
    // The worker closed with the database, and the log went with the last connection.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it("without background checkpoints (scripts, tests) a bulk transaction is an everyday one", async () => {
    const db = openDb(`file:${file}`);
    try {
      const before = fs.statSync(file).size;
      const seen = await bulkWriteTransaction(db, fillRows(db));
      expect(seen.autocheckpoint).toBe(DEFAULT_AUTOCHECKPOINT);
      expect(fs.statSync(file).size).toBeGreaterThan(before + ROWS * 3000);
      expect(walCheckpointer(db)).toBeNull();
    } finally {
      await closeDb(db);
    }
  });

  it("when the worker has stopped, a bulk transaction checkpoints in its commit as any other", async () => {
    const db = openDb(`file:${file}`, { backgroundCheckpoints: true });
    try {
      await bulkWriteTransaction(db, () => undefined);
      const worker = walCheckpointer(db)!;
      await worker.close();
      expect(worker.running).toBe(false);
      await expect(worker.checkpoint()).rejects.toThrow(/stopped/);
      const before = fs.statSync(file).size;
      const seen = await bulkWriteTransaction(db, fillRows(db));
      expect(seen.autocheckpoint).toBe(DEFAULT_AUTOCHECKPOINT);
      expect(fs.statSync(file).size).toBeGreaterThan(before + ROWS * 3000);
      expect(count(db)).toBe(ROWS);
    } finally {
      await closeDb(db);
    }
  });
});
