// drizzle-kit's config for the PostgreSQL schema (db/schema-pg.ts → drizzle-pg/). SQLite's is drizzle.config.ts.
// `npx drizzle-kit generate --config drizzle-pg.config.ts` writes a migration after a change to the schema; hand-written
// SQL (triggers, rows) goes into one made with `--custom`. db/migrate-pg.ts applies them.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema-pg.ts",
  out: "./drizzle-pg",
});
