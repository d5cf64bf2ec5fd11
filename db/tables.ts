// The tables of the engine DATABASE_URL names (db/engine.ts): db/schema.ts on SQLite, db/schema-pg.ts on PostgreSQL.
// Query modules import tables and row types from here and never know which one they got. The two schemas have the
// same names, columns and row types (db/schema-agreement.test.ts), so the SQLite declarations stand for both in the
// type system; at run time drizzle builds each query from the chosen engine's tables.
// drizzle-kit reads the two schema files directly; this module is for the app, its scripts and tests.
import { sql, type SQL } from "drizzle-orm";
import { databaseEngine } from "./engine";
import * as sqliteSchema from "./schema";
import * as pgSchema from "./schema-pg";

export type * from "./schema";

/** The engine of this process, fixed at start: DATABASE_URL does not change while it runs. */
export const ENGINE = databaseEngine().kind;

/** Every table of the chosen engine, under the names both schemas share (drizzle's `schema` option wants them all). */
export const schema = (ENGINE === "postgres" ? pgSchema : sqliteSchema) as unknown as typeof sqliteSchema;

export const {
  users,
  sessions,
  loginThrottle,
  apiRateBuckets,
  businessProfile,
  pageCacheState,
  paymentMethods,
  payments,
  paymentEvents,
  connectionRequests,
  requestComments,
  apiKeys,
  idempotencyKeys,
  webhookEndpoints,
  webhookEvents,
  webhookDeliveries,
  webhookAttempts,
  emailOutbox,
  bankAccounts,
  bankStatements,
  bankStatementLines,
  bankUploads,
} = schema;

/**
 * `payments.status = 'open'` (or 'submitted') with the status written into the SQL, not bound as a parameter, for the
 * queries the partial indexes of one status serve (payments_open_expires_idx, payments_submitted_idx): a planner uses a
 * partial index only where it can tell the query's status is the index's, which a statement prepared once for any
 * value (PostgreSQL's generic plans) cannot.
 */
export function statusIs(status: "open" | "submitted"): SQL {
  return sql`${payments.status} = ${sql.raw(status === "open" ? "'open'" : "'submitted'")}`;
}
