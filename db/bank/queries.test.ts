// The Pending page's count of bank-confirmed payments reads a small index, not the submitted payments themselves
// (at 1,000,000 payments reading the ~27,000 submitted rows took 70 ms a page view; the index 0.4 ms).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqliteConnections } from "@/db/connection";
import { openTestDb, type TestDb } from "@/db/test-db";
import { bankConfirmedCountQuery } from "./queries";

describe("bankConfirmedCount", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb("bank-count");
  });
  afterAll(async () => t.close());

  it("is answered from the covering partial index payments_bank_confirmed_idx", () => {
    const { sql, params } = bankConfirmedCountQuery(t.db).toSQL();
    const plan = sqliteConnections(t.db)
      .reader.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params) as { detail: string }[];
    expect(plan.map((r) => r.detail).join("\n")).toMatch(/USING COVERING INDEX payments_bank_confirmed_idx/);
  });
});
