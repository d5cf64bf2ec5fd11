// The data layer's tests again, on PostgreSQL: `npm test` runs this when TEST_DATABASE_URL is set (scripts/test.mjs).
// DATABASE_URL names that server, so db/tables.ts chooses PostgreSQL's tables; each test opens a database of its own
// there (db/test-db.ts).
import { defineConfig } from "vitest/config";
import base from "./vitest.config.mts";

const url = process.env.TEST_DATABASE_URL;
if (!url) throw new Error("vitest.postgres.config.ts needs TEST_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test");

// Not mergeConfig: it would add this list to the base's instead of replacing it.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
      // Every test of db/ that opens its database through db/test-db.ts runs here; the SQLite-only ones (connection,
      // statement cache, prepared queries, backup) stay in the SQLite run.
      include: [
        "db/payments.test.ts",
        "db/api.test.ts",
        "db/requests.test.ts",
        "db/methods.test.ts",
        "db/users.test.ts",
        "db/sessions.test.ts",
        "db/payer-page-state.test.ts",
        "db/rate-limits.test.ts",
        "db/decision-race.test.ts",
        "db/email-outbox.test.ts",
        "db/bank/import.test.ts",
      ],
    env: { ...base.test?.env, DATABASE_URL: url },
  },
});
