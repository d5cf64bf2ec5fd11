// Applies the committed migrations (drizzle/ on SQLite, drizzle-pg/ on PostgreSQL) to DATABASE_URL. The app also does
// this on start.
import { closeDb, openDatabase } from "./connection";
import { databaseEngine } from "./engine";

async function main() {
  const db = await openDatabase();
  await closeDb(db);
  const engine = databaseEngine();
  // A PostgreSQL URL may hold a password: name only its host and database.
  const where = engine.kind === "sqlite" ? engine.file : `PostgreSQL ${new URL(engine.url).host}${new URL(engine.url).pathname}`;
  console.log(`Database ready: ${where}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
