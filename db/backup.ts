// A consistent copy of a SQLite database while the app runs on it, through SQLite's online backup API. Used by
// `npm run backup -- FILE` (scripts/backup.ts). PostgreSQL has its own tools (pg_dump, docs/deploy.md).
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export class BackupError extends Error {
  name = "BackupError";
}

/**
 * Copies the database in `source` to `dest`, which must not exist yet. The source is opened read-only (no migrations,
 * no writes), and every page is copied in one backup step: one read snapshot, so the copy is consistent however busy
 * the writers are (under WAL they are not held up), and a write between steps cannot restart it. The copy is written
 * beside `dest` first and linked into place, so `dest` is never a half-written file and an existing one is never
 * overwritten, even by a backup that races this one.
 */
export async function backupSqliteFile(source: string, dest: string): Promise<{ bytes: number; ms: number }> {
  const started = Date.now();
  const target = path.resolve(dest);
  if (fs.existsSync(target)) throw new BackupError(`${dest} already exists; choose a new file name.`);
  if (!fs.existsSync(path.dirname(target))) throw new BackupError(`The directory of ${dest} does not exist.`);
  if (!fs.existsSync(source)) throw new BackupError("The database file does not exist (check DATABASE_URL).");
  const partial = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
  const sqlite = new Database(source, { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 5000");
    await sqlite.backup(partial, { progress: () => 0x7fffffff });
    try {
      fs.linkSync(partial, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") throw new BackupError(`${dest} already exists; choose a new file name.`);
      throw err;
    }
  } finally {
    sqlite.close();
    fs.rmSync(partial, { force: true });
  }
  return { bytes: fs.statSync(target).size, ms: Date.now() - started };
}
