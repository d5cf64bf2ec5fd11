// PostgreSQL only (vitest.postgres.config.mts): the hot paths' statements run by name, prepared once per connection;
// a list or search query keeps being planned for its values.
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeTransaction, type Db } from "./connection";
import { rawRows } from "./dialect";
import { createPayment, decidePayment, paymentById, paymentByToken } from "./payments";
import { listPayments } from "./payment-lists";
import { ENGINE } from "./tables";
import { openTestDb, type TestDb } from "./test-db";

const preparedOnThisConnection = (tx: Parameters<typeof rawRows>[0]) =>
  rawRows<{ name: string; statement: string }>(tx, sql`select name, statement from pg_prepared_statements order by name`);

describe.skipIf(ENGINE !== "postgres")("named statements on PostgreSQL", () => {
  let t: TestDb;
  let db: Db;
  beforeEach(async () => {
    t = await openTestDb("pgnamed");
    db = t.db;
  });
  afterEach(async () => t.close());

  it("prepares a hot statement once on a connection and runs it by name after; leaves lists unnamed", async () => {
    const p = await createPayment(db, { amount: 2500, currency: "EUR", description: "Blanket", expiresAt: Date.now() + 3_600_000, actor: { type: "api_key", id: "k" } });
    const seen = await writeTransaction(db, async (tx) => {
      const before = await preparedOnThisConnection(tx);
      const fromTx = await decidePayment(tx as unknown as Db, { paymentId: p.id, decision: "cancel", reason: "test", actor: { type: "user", id: "1" }, userId: null });
      expect(fromTx.ok).toBe(true);
      await listPayments(tx as unknown as Db, { status: "cancelled" });
      return { before, after: await preparedOnThisConnection(tx) };
    });
    // The decision (with e-mail off: its guarded update and its rows in one statement, db/change-rows.ts) and the
    // read before it: by name (the payment's read may have been prepared on this connection already); the list: not.
    expect(seen.after.every((s) => s.name.startsWith("dp_"))).toBe(true);
    expect(seen.after.some((s) => /^with changed as \(\s*update "payments" set "decided_at"/i.test(s.statement))).toBe(true);
    expect(seen.after.some((s) => /insert into "payment_events"/i.test(s.statement))).toBe(true);
    // The change's event-log and outbox rows, one statement (db/change-rows.ts): by name too.
    expect(seen.before.some((s) => /^with changed as/i.test(s.statement))).toBe(false);
    expect(seen.after.some((s) => /^with changed as/i.test(s.statement))).toBe(true);
    expect(seen.after.some((s) => /order by/i.test(s.statement) && /"payments"/.test(s.statement) && /limit/i.test(s.statement))).toBe(false);
    // And the named statements give the same rows as ever.
    expect((await paymentById(db, p.id))?.status).toBe("cancelled");
    expect((await paymentByToken(db, p.token))?.id).toBe(p.id);
  });
});
