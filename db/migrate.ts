// Applies the committed migrations in drizzle/ to DATABASE_URL. The app also does this on start.
import { closeDb, databasePath, openDb } from "./connection";

const db = openDb();
closeDb(db);
console.log(`Database ready: ${databasePath()}`);
