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
      // What matters most with several instances: payments and their races across processes, the e-mail outbox's
      // claims, the bank import, what instances keep in memory and sessions. The other db tests (api, users, rate-limits, requests, methods, the payer
      // page's state) also pass here (add them to run them); they are left out of `npm test` to keep CI within its time.
      include: [
        "db/payments.test.ts",
        "db/bulk-insert.test.ts",
        "db/notified-cache.test.ts",
        "db/api.test.ts",
        "db/api-create-pg.test.ts",
        "db/sessions.test.ts",
        "db/pg-statements.test.ts",
        "db/decision-race.test.ts",
        "db/email-outbox.test.ts",
        "db/bank/import.test.ts",
        "db/bank/api-import.test.ts",
        "db/bank/payment-lines.test.ts",
        "db/bank/refunds.test.ts",
      ],
    env: { ...base.test?.env, DATABASE_URL: url },
  },
});
