// Applies the committed migrations in drizzle/ to DATABASE_URL. The app also does this on start.
import { databasePath, openDb } from "./connection";

const db = openDb();
db.$client.close();
console.log(`Database ready: ${databasePath()}`);
