// `npm run backup -- FILE`: a consistent copy of the running SQLite database named by DATABASE_URL, into a new FILE.
// Exit codes: 0 written, 1 failed (FILE exists, no database, …), 2 PostgreSQL (use pg_dump: docs/deploy.md).
import { BackupError, backupSqliteFile } from "../db/backup";
import { databaseEngine, DatabaseUrlError } from "../db/engine";

async function main(): Promise<number> {
  let engine;
  try {
    engine = databaseEngine();
  } catch (err) {
    if (err instanceof DatabaseUrlError) return fail(err.message);
    throw err;
  }
  if (engine.kind === "postgres") {
    console.error("DATABASE_URL names a PostgreSQL server: back it up with pg_dump (and restore with pg_restore), as docs/deploy.md shows.");
    return 2;
  }
  const file = process.argv[2];
  if (!file || process.argv.length > 3) return fail("Usage: npm run backup -- FILE   (FILE must not exist yet)");
  if (engine.file === ":memory:") return fail("DATABASE_URL names an in-memory database: there is nothing to back up.");
  try {
    const { bytes, ms } = await backupSqliteFile(engine.file, file);
    console.log(`Backup written to ${file}: ${formatBytes(bytes)} in ${(ms / 1000).toFixed(1)} s (${new Date().toISOString()}).`);
    return 0;
  } catch (err) {
    if (err instanceof BackupError) return fail(err.message);
    return fail(`Backup failed: ${(err as Error).message}`);
  }
}

function fail(message: string): number {
  console.error(message);
  return 1;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

main().then((code) => {
  process.exitCode = code;
});
