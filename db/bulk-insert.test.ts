// Multi-row INSERTs (db/bulk-insert.ts), on the engine of this test process: full chunks run on the driver with the
// values in one flat array, the last chunk through drizzle's builder. Both must store exactly what the builder would,
// row for row: JSON, booleans, nulls, a column's default, and the RETURNING columns in the rows' order.
import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bulkInsert, BULK_CHUNK } from "./bulk-insert";
import { write, type Db } from "./connection";
import { openTestDb, type TestDb } from "./test-db";
import { bankStatementLines, type BankStatementLine } from "./tables";

let testDb: TestDb;
let db: Db;

beforeEach(async () => {
  testDb = await openTestDb("bulk");
  db = testDb.db;
});

afterEach(async () => {
  await testDb.close();
});

type LineRow = Omit<BankStatementLine, "id" | "appliedAmount" | "decidedByUserId" | "decidedAt">;

// appliedAmount is left out: every row takes its default (0).
const insertLines = bulkInsert<LineRow, { id: typeof bankStatementLines.id; dedupKey: typeof bankStatementLines.dedupKey }>(
  bankStatementLines,
  [
    "bankAccountId", "statementId", "dedupKey", "position", "lineNo", "bookingDate", "valueDate", "amount", "currency", "direction", "reversal",
    "bankRef", "endToEndId", "structuredRef", "remittanceText", "counterpartyName", "counterpartyAccount", "state", "paymentId",
    "foundReference", "foundIn", "reason", "suggestions", "createdAt",
  ],
  { id: bankStatementLines.id, dedupKey: bankStatementLines.dedupKey },
  ["suggestions"],
);

function line(i: number, statementId: number): LineRow {
  const odd = i % 2 === 1;
  return {
    bankAccountId: 7,
    statementId,
    dedupKey: `key-${statementId}-${i}`,
    position: `${statementId}/${i + 1}`,
    lineNo: i + 1,
    bookingDate: "2026-12-07",
    valueDate: odd ? null : "2026-12-08",
    amount: 1_000_000_000_000 + i,
    currency: "EUR",
    direction: odd ? "debit" : "credit",
    reversal: i % 3 === 0,
    bankRef: odd ? null : `ref-${i}`,
    endToEndId: null,
    structuredRef: i % 5 === 0 ? "RF18539007547034" : null,
    remittanceText: `Order ${i} — “quoted”, ‘Ünïcode’ and a 'quote'`,
    counterpartyName: odd ? "Анна Шмидт" : null,
    counterpartyAccount: null,
    state: odd ? "outgoing" : "suggested",
    paymentId: odd ? null : 1000 + i,
    foundReference: null,
    foundIn: null,
    reason: null,
    suggestions: odd ? null : [{ paymentId: 1000 + i, reference: "AB12CD34E", nameScore: 0.5, reasons: ["same amount and currency", `n ${i}`] }],
    createdAt: 1_765_000_000_000 + i,
  };
}

const stored = (statementId: number) =>
  db.select().from(bankStatementLines).where(eq(bankStatementLines.statementId, statementId)).orderBy(asc(bankStatementLines.id));

describe("bulkInsert", () => {
  it("stores two full chunks and a last, shorter one exactly as given, and returns their ids in order", async () => {
    const rows = Array.from({ length: 2 * BULK_CHUNK + 37 }, (_, i) => line(i, 1));
    const returned = await write(db, (tx) => insertLines(tx, rows));

    expect(returned.map((r) => r.dedupKey)).toEqual(rows.map((r) => r.dedupKey));
    const ids = returned.map((r) => r.id);
    expect(new Set(ids).size).toBe(rows.length);
    expect(ids.every((id) => typeof id === "number")).toBe(true);

    const back = await stored(1);
    expect(back.map((r) => r.id)).toEqual(ids);
    expect(back.map(({ id: _id, appliedAmount: _a, decidedByUserId: _u, decidedAt: _d, ...rest }) => rest)).toEqual(rows);
    expect(back.every((r) => r.appliedAmount === 0 && r.decidedByUserId === null && r.decidedAt === null)).toBe(true);
  });

  it("stores the same rows whichever way a chunk runs (full chunk on the driver, short one through the builder)", async () => {
    const full = Array.from({ length: BULK_CHUNK }, (_, i) => line(i, 2));
    const short = Array.from({ length: 5 }, (_, i) => line(i, 3));
    await write(db, async (tx) => {
      await insertLines(tx, full);
      await insertLines(tx, short);
    });
    const strip = (r: BankStatementLine) => {
      const { id: _id, statementId: _s, dedupKey: _k, position: _p, ...rest } = r;
      return rest;
    };
    const a = (await stored(2)).slice(0, 5).map(strip);
    const b = (await stored(3)).map(strip);
    expect(a).toEqual(b);
  });

  it("writes nothing of a chunk that breaks a constraint, and the transaction rolls back whole", async () => {
    const rows = Array.from({ length: BULK_CHUNK }, (_, i) => line(i, 4));
    rows[BULK_CHUNK - 1] = { ...rows[BULK_CHUNK - 1], dedupKey: rows[0].dedupKey };
    await expect(write(db, (tx) => insertLines(tx, rows))).rejects.toThrow();
    expect(await stored(4)).toEqual([]);
  });

  it("refuses rows with a key its statement does not have", async () => {
    const rows = Array.from({ length: BULK_CHUNK }, (_, i) => ({ ...line(i, 5), extra: 1 }));
    await expect(write(db, (tx) => insertLines(tx, rows))).rejects.toThrow(/column "extra"/);
    expect(await stored(5)).toEqual([]);
  });
});
