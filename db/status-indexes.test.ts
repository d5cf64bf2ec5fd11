// The Pending queue and the expiry sweep read partial indexes that hold the payments of one status, and the bank's
// suggestions an index without status: a change of status then rewrites fewer index entries (Confirm 21 → 16 pages
// written a transaction at a million payments, Approve 20 → 14; a bank import's 9,000 updates 0.67 → 0.45 s). The
// plans are checked here (payments.test.ts checks the lists' rows): each query on its index, in its order, no sort.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqliteConnections } from "./connection";
import { candidatesQuery } from "./bank/plan";
import { pendingPaymentsQuery } from "./payment-lists";
import { dueForExpiryQuery } from "./payments";
import { openTestDb, type TestDb } from "./test-db";

describe("partial indexes of one status (SQLite's plans)", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb("status-indexes");
  });
  afterAll(async () => t.close());

  const plan = (q: { toSQL(): { sql: string; params: unknown[] } }) => {
    const { sql, params } = q.toSQL();
    return (sqliteConnections(t.db).reader.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join("\n");
  };

  it("reads the Pending queue, first page and past a cursor, from payments_submitted_idx in its order", () => {
    expect(plan(pendingPaymentsQuery(t.db, { limit: 50 }))).toMatch(/USING (COVERING )?INDEX payments_submitted_idx/);
    const deep = plan(pendingPaymentsQuery(t.db, { cursor: { t: 1_700_000_000_000, id: 42 }, limit: 50 }));
    expect(deep).toMatch(/USING (COVERING )?INDEX payments_submitted_idx/);
    expect(deep).not.toMatch(/TEMP B-TREE/);
  });

  it("finds the payments due to expire from payments_open_expires_idx", () => {
    expect(plan(dueForExpiryQuery(t.db, Date.now(), 500))).toMatch(/USING COVERING INDEX payments_open_expires_idx \(status=\? AND expires_at<\?\)/);
  });

  it("finds a statement line's suggestions among the payments of its amount still open on its day (payments_suggestion_idx)", () => {
    const q = plan(candidatesQuery(t.db, "EUR", 1999, Date.now()));
    expect(q).toMatch(/USING INDEX payments_suggestion_idx \(currency=\? AND amount=\? AND expires_at>\?\)/);
  });
});
