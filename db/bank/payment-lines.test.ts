// The lines the API's payment object lists (bank_lines): only lines that pay, oldest first, one query for a page of
// payments; and the webhooks of a match already list the line being matched.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../connection";
import type { TestDb } from "../test-db";
import { createPayment, decidePayment, paymentById } from "../payments";
import { messageOf } from "../webhook-outbox";
import { webhookEvents, type Payment } from "../tables";
import { createBankAccount } from "./accounts";
import { DAY, IBAN, openBankTestDb, T0 } from "./test-fixture";
import { importStatement, readStatementFile, type ImportResult } from "./import";
import { ignoreLine, matchLine } from "./manual";
import { linesOfOnePayment, linesOfPayment, paymentLines } from "./payment-lines";
import { camt053, type CamtEntry } from "@/lib/bank/camt-writer";

let testDb: TestDb;
let db: Db;
let userId: number;

beforeEach(async () => {
  ({ testDb, db, userId } = await openBankTestDb("bank-lines"));
});

afterEach(async () => {
  await testDb.close();
});

async function payment(amount: number, customerName: string | null = null): Promise<Payment> {
  return createPayment(db, { amount, currency: "EUR", description: "Order", customerName, expiresAt: T0 + 10 * DAY, actor: { type: "user", id: "1" }, now: T0 });
}

let fileNo = 0;
async function importEntries(accountId: number, entries: CamtEntry[], now = T0 + DAY): Promise<Extract<ImportResult, { ok: true }>> {
  const bytes = new TextEncoder().encode(camt053({ id: `STMT-${++fileNo}`, iban: IBAN, currency: "EUR", entries }));
  const read = await readStatementFile(db, accountId, bytes);
  if (!read.ok) throw new Error(read.message);
  const r = await importStatement(db, read, { fileName: "statement.xml", actor: { userId, apiKeyId: null }, now });
  if (!r.ok) throw new Error(r.message);
  return r;
}

/** The `bank_lines` of the last webhook of a type for a payment. */
async function hookLines(paymentId: number, type: string): Promise<{ id: number; amount: string; matched_by: string }[]> {
  const events = await db.select().from(webhookEvents).where(eq(webhookEvents.paymentId, paymentId));
  const last = events.filter((e) => e.type === type).at(-1)!;
  // The body it is sent with (an event of the same change may hold it: messageOf).
  const shared = events.find((e) => e.id === last.dataFrom)?.payload ?? null;
  return JSON.parse(messageOf(last.type, last.payload, shared)).data.bank_lines;
}

describe("a payment's bank lines", () => {
  it("lists the lines that pay each payment, oldest first, and leaves out ignored, to-review and other lines", async () => {
    const acc = await createBankAccount(db, { name: "Main", currency: "EUR", accountNumber: IBAN, methodIds: [], autoApprove: false, feeTolerance: 0 }, T0);
    const under = await payment(10000);
    const unnamed = await payment(7700, "Petra Novak");
    const dropped = await payment(2000);
    const cancelled = await payment(4000);
    const untouched = await payment(9900);
    await decidePayment(db, { paymentId: cancelled.id, decision: "cancel", reason: "Out of stock", actor: { type: "user", id: "1" }, now: T0 });

    const first = await importEntries(acc.id, [
      { amount: "60.00", bookingDate: "2026-12-02", text: `Order ${under.reference}`, payerName: "Anna Schmidt" },
      { amount: "77.00", bookingDate: "2026-12-02", text: "Invoice", payerName: "NOVAK PETRA" },
      { amount: "20.00", bookingDate: "2026-12-02", text: dropped.reference },
      { amount: "40.00", bookingDate: "2026-12-02", text: cancelled.reference },
    ]);
    const [underLine, unnamedLine, droppedLine] = first.lines;
    const top = await importEntries(acc.id, [{ amount: "40.00", bookingDate: "2026-12-03", text: `Rest ${under.reference}` }], T0 + 2 * DAY);
    // The matched payment's line, matched by a person; another's line, matched then ignored.
    expect(await matchLine(db, { lineId: unnamedLine.id, reference: unnamed.reference, userId, now: T0 + 2 * DAY })).toEqual({ ok: true });
    expect(await ignoreLine(db, { lineId: droppedLine.id, reason: "Sent back", userId, now: T0 + 2 * DAY })).toEqual({ ok: true });

    const all = await paymentLines(db, [under.id, unnamed.id, dropped.id, cancelled.id, untouched.id]);
    expect([...all.keys()].sort()).toEqual([under.id, unnamed.id].sort());
    expect(all.get(under.id)!.map((l) => [l.id, l.amount, l.bookingDate, l.remittanceText, l.decidedByUserId])).toEqual([
      [underLine.id, 6000, "2026-12-02", `Order ${under.reference}`, null],
      [top.lines[0].id, 4000, "2026-12-03", `Rest ${under.reference}`, null],
    ]);
    expect(all.get(under.id)![0]).toMatchObject({ paymentId: under.id, currency: "EUR", counterpartyName: "Anna Schmidt" });
    expect(all.get(unnamed.id)!.map((l) => [l.id, l.amount, l.decidedByUserId])).toEqual([[unnamedLine.id, 7700, userId]]);

    // One payment at a time: the same lines.
    expect(await linesOfOnePayment(db, under.id)).toEqual(all.get(under.id));
    expect(await linesOfOnePayment(db, dropped.id)).toEqual([]);
    expect(await paymentLines(db, [])).toEqual(new Map());
    // Without a query for a payment that has received nothing: the amount received says so for every one of them,
    // the payment whose line was matched and then ignored included.
    for (const p of [under, unnamed, dropped, cancelled, untouched]) {
      const now = (await paymentById(db, p.id))!;
      expect(await linesOfPayment(db, now)).toEqual(all.get(p.id) ?? []);
    }

    // The webhooks written during each match already list the line being matched.
    expect((await hookLines(under.id, "payment.underpaid")).map((l) => [l.id, l.amount, l.matched_by])).toEqual([[underLine.id, "60.00", "automatic"]]);
    expect((await hookLines(under.id, "payment.matched")).map((l) => [l.id, l.amount])).toEqual([
      [underLine.id, "60.00"],
      [top.lines[0].id, "40.00"],
    ]);
    expect((await hookLines(unnamed.id, "payment.matched")).map((l) => [l.id, l.matched_by])).toEqual([[unnamedLine.id, "person"]]);
  });

  it("reads the lines of a whole page of payments in one query", async () => {
    const acc = await createBankAccount(db, { name: "Main", currency: "EUR", accountNumber: IBAN, methodIds: [], autoApprove: false, feeTolerance: 0 }, T0);
    const page = await Promise.all(Array.from({ length: 30 }, (_, i) => payment(1000 + i)));
    await importEntries(
      acc.id,
      page.map((p, i) => ({ amount: ((1000 + i) / 100).toFixed(2), bookingDate: "2026-12-02", text: p.reference })),
    );
    let selects = 0;
    const counting = new Proxy(db, {
      get(target, key, receiver) {
        if (key === "select") selects++;
        return Reflect.get(target, key, receiver);
      },
    });
    const lines = await paymentLines(counting, page.map((p) => p.id));
    expect(selects).toBe(1);
    expect(page.map((p) => lines.get(p.id)?.map((l) => l.amount))).toEqual(page.map((_, i) => [1000 + i]));
  });
});
