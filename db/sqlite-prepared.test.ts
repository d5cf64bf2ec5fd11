// The direct execute of SQLite's prepared queries (db/sqlite-prepared.ts) answers exactly what drizzle's own execute
// does: whole rows with JSON and boolean columns, chosen and computed fields, RETURNING rows, a run's result, a missing
// placeholder, and SQLite's own errors (a unique violation keeps the message the app's checks read).
import { and, count, eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { write, type Db } from "./connection";
import { isUniqueViolation } from "./errors";
import { createPayment } from "./payments";
import { directSqliteQuery } from "./sqlite-prepared";
import { openTestDb, type TestDb } from "./test-db";
import { bankAccounts, ENGINE, payments } from "./tables";

let testDb: TestDb;
let db: Db;
const ph = sql.placeholder;

beforeEach(async () => {
  testDb = await openTestDb("direct");
  db = testDb.db;
});

afterEach(async () => {
  await testDb.close();
});

/** The same prepared query run both ways: drizzle's execute, and the direct one. */
async function bothWays(build: () => { execute(values?: Record<string, unknown>): PromiseLike<unknown> }, values?: Record<string, unknown>) {
  const query = build();
  const direct = directSqliteQuery(query);
  expect(direct).not.toBe(query);
  return { drizzle: await query.execute(values), direct: await direct.execute(values) };
}

describe.skipIf(ENGINE !== "sqlite")("direct execute of SQLite prepared queries", () => {
  it("reads whole rows, chosen fields and computed ones as drizzle does", async () => {
    const p = await createPayment(db, {
      amount: 12345,
      currency: "EUR",
      description: "Order “one”",
      customerName: null,
      metadata: { order: 7, tags: ["a", "b"] },
      expiresAt: Date.now() + 3_600_000,
      actor: { type: "user", id: "1" },
    });
    await createPayment(db, { amount: 500, currency: "EUR", description: "Two", expiresAt: Date.now() + 3_600_000, actor: { type: "user", id: "1" } });

    const whole = await bothWays(() => db.select().from(payments).where(eq(payments.id, ph("id"))).prepare(), { id: p.id });
    expect(whole.direct).toEqual(whole.drizzle);
    expect((whole.direct as { metadata: unknown }[])[0].metadata).toEqual({ order: 7, tags: ["a", "b"] });

    const chosen = await bothWays(
      () =>
        db
          .select({ id: payments.id, ref: payments.reference, n: sql<number>`${payments.amount} * 2`.mapWith(Number), total: count() })
          .from(payments)
          .where(and(eq(payments.currency, ph("currency")), eq(payments.status, "open")))
          .groupBy(payments.id)
          .prepare(),
      { currency: "EUR" },
    );
    expect(chosen.direct).toEqual(chosen.drizzle);
    expect((chosen.direct as unknown[]).length).toBe(2);

    const none = await bothWays(() => db.select().from(payments).where(eq(payments.id, ph("id"))).prepare(), { id: -1 });
    expect(none.direct).toEqual([]);
  });

  it("writes with RETURNING, and without it answers the run's result", async () => {
    type Account = { id: number; name: string; autoApprove: boolean; methodIds: number[] };
    const returned = await write(db, (tx) =>
      bothWays(
        () =>
          tx
            .insert(bankAccounts)
            .values({ name: ph("name"), currency: "EUR", accountNumber: "DE89370400440532013000", methodIds: sql`${ph("methods")}`, autoApprove: ph("auto"), createdAt: 1, updatedAt: 1 })
            .returning()
            .prepare(),
        { name: "Main", methods: "[3,4]", auto: true },
      ),
    );
    const [a] = returned.drizzle as Account[];
    const [b] = returned.direct as Account[];
    expect(b.id).toBe(a.id + 1);
    expect({ ...b, id: a.id }).toEqual(a);
    expect(b).toMatchObject({ name: "Main", autoApprove: true, methodIds: [3, 4], feeTolerance: 0 });

    const update = await write(db, (tx) =>
      bothWays(() => tx.update(bankAccounts).set({ feeTolerance: sql`${ph("fee")}` }).where(eq(bankAccounts.currency, "EUR")).prepare(), { fee: 5 }),
    );
    expect(update.direct).toMatchObject({ changes: 2 });
    expect(update.drizzle).toMatchObject({ changes: 2 });
  });

  it("refuses a missing placeholder, and throws SQLite's own errors", async () => {
    const byId = directSqliteQuery(db.select().from(payments).where(eq(payments.id, ph("id"))).prepare());
    await expect(byId.execute({})).rejects.toThrow(/No value for placeholder "id"/);

    const input = { amount: 100, currency: "EUR", description: "X", expiresAt: Date.now() + 3_600_000, actor: { type: "user" as const, id: "1" } };
    const p = await createPayment(db, input);
    const q = await createPayment(db, input);
    const err = await write(db, (tx) =>
      directSqliteQuery(tx.update(payments).set({ reference: sql`${ph("ref")}` }).where(eq(payments.id, ph("id"))).prepare()).execute({ ref: p.reference, id: q.id }),
    ).catch((e: unknown) => e);
    expect(isUniqueViolation(err, "payments.reference")).toBe(true);
  });
});
