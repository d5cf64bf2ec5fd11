// The sign-in throttle's and the API rate limit's tables (SQLite), re-exported by db/schema.ts; kept apart so that file
// stays readable. Their PostgreSQL twins are in db/schema-pg.ts.
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Milliseconds since the epoch, stored as an integer. */
const timestamp = (name: string) => integer(name, { mode: "number" });

/** Failed sign-in counters, keyed by "ip:<client address>" or "account:<email> ip:<client address>". */
export const loginThrottle = sqliteTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  firstFailureAt: timestamp("first_failure_at").notNull(),
  lastFailureAt: timestamp("last_failure_at").notNull(),
});

/** The API rate limit's token buckets, one per API key, shared by every app instance (lib/rate-limit.ts). */
export const apiRateBuckets = sqliteTable("api_rate_buckets", {
  key: text("key").primaryKey(),
  /** Tokens left, in thousandths of a token. */
  milliTokens: integer("milli_tokens").notNull(),
  /** When milliTokens was counted (ms since the epoch). */
  countedAt: timestamp("counted_at").notNull(),
});
