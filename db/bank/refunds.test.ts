// The refunds to make: what arrived on top of a payment's amount, everything that arrived for a payment then cancelled
// or expired, and an agent's record of sending it back (once, however many agents press at once).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sqliteConnections, write, writeTransaction, type Db } from "../connection";
import { rawRows, rawWrite } from "../dialect";
import type { TestDb } from "../test-db";
import { createPayment, decidePayment, expireDuePayments, paymentById } from "../payments";
import { emailOutbox, ENGINE, paymentEvents, payments, webhookEvents } from "../tables";
import { createBankAccount } from "./accounts";
import { DAY, IBAN, openBankTestDb, T0 } from "./test-fixture";
import { importStatement, readStatementFile } from "./import";
import { keepLine, unmatchLine } from "./manual";
import { linesOfPayment } from "./queries";
import { recordRefund, refundsCount, refundsQuery, refundsToMake } from "./refunds";
import { camt053, type CamtEntry } from "@/lib/bank/camt-writer";
import { eq, sql } from "drizzle-orm";

let testDb: TestDb;
let db: Db;
let userId: number;

beforeEach(async () => {
  ({ testDb, db, userId } = await openBankTestDb("refunds"));
});

afterEach(async () => {
  await testDb.close();
});

const payment = (amount: number, customerName: string | null = null) =>
  createPayment(db, { amount, currency: "EUR", description: "Order", customerName, expiresAt: T0 + 10 * DAY, actor: { type: "user", id: "1" }, now: T0 });

let fileNo = 0;
async function importEntries(entries: CamtEntry[], now = T0 + DAY) {
  const acc = await createBankAccount(db, { name: `Main ${++fileNo}`, currency: "EUR", accountNumber: IBAN, methodIds: [], autoApprove: false, feeTolerance: 0 }, T0);
  const read = await readStatementFile(db, acc.id, new TextEncoder().encode(camt053({ id: `STMT-${fileNo}`, iban: IBAN, currency: "EUR", entries })));
  if (!read.ok) throw new Error(read.message);
  const r = await importStatement(db, read, { fileName: "statement.xml", actor: { userId, apiKeyId: null }, now });
  if (!r.ok) throw new Error(r.message);
  return r;
}

const dues = async (now = T0 + 2 * DAY) => (await refundsToMake(db, 200, now)).map((r) => [r.id, r.due]);

describe("refunds to make", () => {
  it("lists what was paid too much, and everything paid towards a cancelled or expired payment, with whose account it came from", async () => {
    const over = await payment(5000);
    const cancelled = await payment(10000);
    const expired = await payment(3000);
    const under = await payment(8000);
    const exact = await payment(2000);
    await importEntries([
      { amount: "55.00", bookingDate: "2026-12-02", text: `Order ${over.reference}`, payerName: "Ana Lima", payerIban: "PT50000201231234567890154" },
      { amount: "40.00", bookingDate: "2026-12-02", text: `Order ${cancelled.reference}`, payerName: "Jan Nowak" },
      { amount: "10.00", bookingDate: "2026-12-02", text: `Order ${expired.reference}` },
      { amount: "30.00", bookingDate: "2026-12-02", text: `Order ${under.reference}` },
      { amount: "20.00", bookingDate: "2026-12-02", text: `Order ${exact.reference}` },
    ]);
    // Only the money on top of the amount is the payer's while the payment stands.
    expect(await dues()).toEqual([[over.id, 500]]);
    expect(await refundsCount(db)).toBe(1);
    const [row] = await refundsToMake(db);
    expect(row.lines.map((l) => [l.counterpartyName, l.counterpartyAccount])).toEqual([["Ana Lima", "PT50000201231234567890154"]]);

    // Cancelled part-paid: all of it goes back. Expired (by the expiry job) likewise.
    await decidePayment(db, { paymentId: cancelled.id, decision: "cancel", reason: "Out of stock", actor: { type: "user", id: String(userId) }, now: T0 + 2 * DAY });
    expect(await expireDuePayments(db, T0 + 11 * DAY)).toBeGreaterThan(0);
    // The part-paid one left open expired too; the one paid in full was submitted, and stays.
    expect(new Map((await dues(T0 + 11 * DAY)) as [number, number][])).toEqual(
      new Map([
        [over.id, 500],
        [cancelled.id, 4000],
        [expired.id, 1000],
        [under.id, 3000],
      ]),
    );
    expect(await refundsCount(db)).toBe(4);
  });

  it("records a refund once, in the payment's timeline, and keeps what is left of a part refund on the list", async () => {
    const cancelled = await payment(10000);
    await importEntries([{ amount: "40.00", bookingDate: "2026-12-02", text: `Order ${cancelled.reference}` }]);
    await decidePayment(db, { paymentId: cancelled.id, decision: "cancel", reason: "Out of stock", actor: { type: "user", id: String(userId) }, now: T0 + 2 * DAY });
    const now = T0 + 3 * DAY;

    expect(await recordRefund(db, { paymentId: cancelled.id, amount: "40.01", seenRefunded: 0, note: "", userId, now })).toEqual({
      ok: false,
      field: "amount",
      message: "At most €40.00 is left to send back.",
    });
    expect(await recordRefund(db, { paymentId: cancelled.id, amount: "15.001", seenRefunded: 0, note: "", userId, now })).toMatchObject({ ok: false, field: "amount" });
    expect(await recordRefund(db, { paymentId: cancelled.id, amount: "15", seenRefunded: 0, note: "SEPA to the payer's IBAN", userId, now })).toEqual({ ok: true });
    expect(await dues(now)).toEqual([[cancelled.id, 2500]]);
    // A second agent who saw the page before the first refund was recorded records nothing.
    const stale = await recordRefund(db, { paymentId: cancelled.id, amount: "25.00", seenRefunded: 0, note: "", userId, now });
    expect(stale).toMatchObject({ ok: false, field: "form" });

    // Two agents at once on the rest: one records it.
    const both = await Promise.all([0, 1].map(() => recordRefund(db, { paymentId: cancelled.id, amount: "25.00", seenRefunded: 1500, note: "", userId, now })));
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(await dues(now)).toEqual([]);
    expect(await refundsCount(db)).toBe(0);
    expect(await paymentById(db, cancelled.id)).toMatchObject({ status: "cancelled", amountReceived: 4000, amountRefunded: 4000 });
    const reasons = (await db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, cancelled.id))).map((e) => e.reason);
    expect(reasons).toContain("Refund of €15.00 sent back to the payer; €25.00 still to send back. Note: SEPA to the payer's IBAN");
    expect(reasons).toContain("Refund of €25.00 sent back to the payer.");
    // The shop hears of each refund, with what was sent back so far.
    const hooks = (await db.select().from(webhookEvents).where(eq(webhookEvents.paymentId, cancelled.id))).filter((e) => e.type === "payment.refunded");
    expect(hooks.map((e) => JSON.parse(e.payload).data.amount_refunded)).toEqual(["15.00", "40.00"]);
    expect(await recordRefund(db, { paymentId: cancelled.id, amount: "1", seenRefunded: 4000, note: "", userId, now })).toMatchObject({ ok: false, field: "form" });
  });

  it("mails the payer that their money is on its way, once for each amount sent back, when e-mail is on", async () => {
    const saved = process.env.SMTP_URL;
    process.env.SMTP_URL = "smtp://127.0.0.1:1?starttls=off";
    try {
      const cancelled = await createPayment(db, {
        amount: 10000, currency: "EUR", description: "Order", customerName: "Ana", customerEmail: "ana@example.com",
        expiresAt: T0 + 10 * DAY, actor: { type: "user", id: "1" }, now: T0,
      });
      await importEntries([{ amount: "40.00", bookingDate: "2026-12-02", text: `Order ${cancelled.reference}` }]);
      await decidePayment(db, { paymentId: cancelled.id, decision: "cancel", reason: "Out of stock", actor: { type: "user", id: String(userId) }, now: T0 + 2 * DAY });
      const now = T0 + 3 * DAY;
      expect(await recordRefund(db, { paymentId: cancelled.id, amount: "15.00", seenRefunded: 0, note: "", userId, now })).toEqual({ ok: true });
      expect(await recordRefund(db, { paymentId: cancelled.id, amount: "25.00", seenRefunded: 1500, note: "", userId, now })).toEqual({ ok: true });
      const mails = (await db.select().from(emailOutbox).where(eq(emailOutbox.paymentId, cancelled.id))).filter((m) => m.kind === "refunded");
      expect(mails.map((m) => [m.toAddress, (m.mail as { mail: { refundedAmount: number } }).mail.refundedAmount])).toEqual([
        ["ana@example.com", 1500],
        ["ana@example.com", 4000],
      ]);
    } finally {
      if (saved === undefined) delete process.env.SMTP_URL;
      else process.env.SMTP_URL = saved;
    }
  });

  it("forgets money a person unmatched: it no longer counts as received", async () => {
    const cancelled = await payment(10000);
    await importEntries([{ amount: "40.00", bookingDate: "2026-12-02", text: `Order ${cancelled.reference}` }]);
    await decidePayment(db, { paymentId: cancelled.id, decision: "cancel", reason: "Out of stock", actor: { type: "user", id: String(userId) }, now: T0 + 2 * DAY });
    expect(await dues()).toEqual([[cancelled.id, 4000]]);
    const [line] = await linesOfPayment(db, cancelled.id);
    await unmatchLine(db, { lineId: line.id, userId, now: T0 + 2 * DAY });
    expect(await dues()).toEqual([]);
  });

  it("keeps a line naming a cancelled payment as money to send back, once, and an unmatch takes it off again", async () => {
    const cancelled = await payment(4000);
    await decidePayment(db, { paymentId: cancelled.id, decision: "cancel", reason: "Out of stock", actor: { type: "user", id: String(userId) }, now: T0 });
    const r = await importEntries([
      { amount: "40.00", bookingDate: "2026-12-02", text: `Order ${cancelled.reference}`, payerName: "Jan Nowak" },
      { amount: "3.00", bookingDate: "2026-12-02", text: "No reference here" },
    ]);
    expect(r.summary).toMatchObject({ review: 1, unmatched: 1 });
    const [line] = await linesOfPayment(db, cancelled.id);
    expect(line.state).toBe("review");
    const now = T0 + 2 * DAY;
    // Only a line to review that names a cancelled or expired payment.
    const other = r.lines.find((l) => l.state === "unmatched")!;
    expect(await keepLine(db, { lineId: other.id, userId, now })).toMatchObject({ ok: false });
    expect(await dues(now)).toEqual([]);

    expect(await keepLine(db, { lineId: line.id, userId, now })).toEqual({ ok: true, sentBack: true });
    expect(await keepLine(db, { lineId: line.id, userId, now })).toMatchObject({ ok: false });
    expect(await dues(now)).toEqual([[cancelled.id, 4000]]);
    expect((await refundsToMake(db, 200, now))[0].lines.map((l) => l.counterpartyName)).toEqual(["Jan Nowak"]);
    expect(await paymentById(db, cancelled.id)).toMatchObject({ status: "cancelled", amountReceived: 4000 });
    expect((await linesOfPayment(db, cancelled.id))[0]).toMatchObject({ state: "overpaid", appliedAmount: 4000, decidedByUserId: userId });
    // The shop hears that money arrived for it, with the line.
    const hook = (await db.select().from(webhookEvents).where(eq(webhookEvents.paymentId, cancelled.id))).find((e) => e.type === "payment.overpaid")!;
    expect(JSON.parse(hook.payload).data).toMatchObject({ status: "cancelled", amount_received: "40.00", bank_lines: [expect.objectContaining({ amount: "40.00", matched_by: "person" })] });
    const reasons = (await db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, cancelled.id))).map((e) => e.reason);
    expect(reasons).toContain(`Bank statement line kept to send back: €40.00 received (${line.position}) for a payment that was cancelled.`);

    await unmatchLine(db, { lineId: line.id, userId, now });
    expect(await dues(now)).toEqual([]);
  });

  it("counts a line for a payment approved before the statement came; the same money twice is a refund to make", async () => {
    const approved = await payment(2500);
    await write(db, (tx) => tx.update(payments).set({ status: "submitted" }).where(eq(payments.id, approved.id)));
    expect(await decidePayment(db, { paymentId: approved.id, decision: "approve", actor: { type: "user", id: String(userId) }, userId, now: T0 })).toMatchObject({ ok: true });
    const r = await importEntries([
      { amount: "25.00", bookingDate: "2026-12-02", text: `Order ${approved.reference}` },
      { amount: "25.00", bookingDate: "2026-12-02", text: `Order ${approved.reference} again`, payerName: "Jan Nowak" },
    ]);
    expect(r.summary.review).toBe(2);
    const [first, second] = await linesOfPayment(db, approved.id);
    const now = T0 + 2 * DAY;
    expect(await keepLine(db, { lineId: first.id, userId, now })).toEqual({ ok: true, sentBack: false });
    expect(await paymentById(db, approved.id)).toMatchObject({ status: "approved", amountReceived: 2500 });
    expect(await dues(now)).toEqual([]);
    expect(await keepLine(db, { lineId: second.id, userId, now })).toEqual({ ok: true, sentBack: false });
    expect((await linesOfPayment(db, approved.id)).map((l) => l.state)).toEqual(["matched", "overpaid"]);
    expect(await dues(now)).toEqual([[approved.id, 2500]]);
    const types = (await db.select().from(webhookEvents).where(eq(webhookEvents.paymentId, approved.id))).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["payment.matched", "payment.overpaid"]));
    const reasons = (await db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, approved.id))).map((e) => e.reason);
    expect(reasons).toContain(`Bank statement line counted for the approved payment: €25.00 received (${second.position}); overpaid by €25.00: a refund to make.`);
  });

  it.runIf(ENGINE === "sqlite")("reads only the payments with money to send back (payments_refund_due_idx)", () => {
    const { sql: text, params } = refundsQuery(db, 200).toSQL();
    const plan = sqliteConnections(db).reader.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { detail: string }[];
    expect(plan.map((r) => r.detail).join("\n")).toMatch(/USING INDEX payments_refund_due_idx/);
  });

  it.runIf(ENGINE === "postgres")("reads only the payments with money to send back on PostgreSQL too (payments_refund_due_idx)", async () => {
    // A test database is too small for the planner to prefer an index on its own: told not to scan, it must be able to
    // answer from the partial index, which it can only when the query's condition is the index's.
    const plan = await writeTransaction(db, async (tx) => {
      await rawWrite(tx, sql.raw("SET LOCAL enable_seqscan = off"));
      return rawRows<{ "QUERY PLAN": string }>(tx, sql`EXPLAIN ${refundsQuery(tx as unknown as Db, 200)}`);
    });
    expect(plan.map((r) => r["QUERY PLAN"]).join("\n")).toMatch(/payments_refund_due_idx/);
  });
});
