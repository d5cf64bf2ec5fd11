// Importing and matching bank statements against a real (throw-away) SQLite file: every matching rule's effect on the
// payment, its events and webhooks; duplicates; refused files; a person's decisions against the matcher.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, eq, isNotNull } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { write, type Db } from "../connection";
import type { TestDb } from "../test-db";
import { createPayment, decidePayment } from "../payments";
import { bankStatementLines, emailOutbox, paymentEvents, payments, webhookDeliveries, webhookEvents, type Payment } from "../tables";
import { createBankAccount } from "./accounts";
import { DAY, IBAN, openBankTestDb, T0 } from "./test-fixture";
import { importStatement, previewStatement, readStatementFile, type ImportResult } from "./import";
import { approveBankConfirmed, ignoreLine, matchLine, rematchInbox, unmatchLine } from "./manual";
import { inboxLines, linesOfPayment } from "./queries";
import { refundsToMake } from "./refunds";
import { claimDueDeliveries } from "../webhooks";
import { camt053, type CamtEntry } from "@/lib/bank/camt-writer";
import { creditorReference, formatReference, referenceCheckSymbol } from "@/lib/reference";

let testDb: TestDb;
let db: Db;
let userId: number;
let n = 0;

beforeEach(async () => {
  ({ testDb, db, userId } = await openBankTestDb("bank"));
});

afterEach(async () => {
  await testDb.close();
});

async function account(over: { autoApprove?: boolean; feeTolerance?: number } = {}) {
  return createBankAccount(db, { name: `Main ${++n}`, currency: "EUR", accountNumber: IBAN, methodIds: [], autoApprove: false, feeTolerance: 0, ...over }, T0);
}

async function payment(amount: number, customerName: string | null = null, reference?: string): Promise<Payment> {
  const p = await createPayment(db, { amount, currency: "EUR", description: "Order", customerName, expiresAt: T0 + 10 * DAY, actor: { type: "user", id: "1" }, now: T0 });
  if (!reference) return p;
  const [changed] = await write(db, (tx) => tx.update(payments).set({ reference }).where(eq(payments.id, p.id)).returning());
  return changed;
}

const fresh = async (id: number) => (await db.select().from(payments).where(eq(payments.id, id)))[0];

let fileNo = 0;
async function importEntries(accountId: number, entries: CamtEntry[], now = T0 + DAY): Promise<ImportResult> {
  const bytes = new TextEncoder().encode(camt053({ id: `STMT-${++fileNo}`, iban: IBAN, currency: "EUR", entries }));
  const read = await readStatementFile(db, accountId, bytes);
  if (!read.ok) throw new Error(read.message);
  return importStatement(db, read, { fileName: "statement.xml", actor: { userId, apiKeyId: null }, now });
}

function ok(r: ImportResult) {
  if (!r.ok) throw new Error(r.message);
  return r;
}

const day = "2026-12-02";

describe("importing a camt.053 statement", () => {
  it("matches references written every way, records under- and overpayments, and sends the rest to the inbox", async () => {
    const acc = await account();
    const exact = await payment(5000);
    const body = "0A1B2C3";
    const withZero = await payment(2500, null, body + referenceCheckSymbol(body));
    const under = await payment(10000);
    const over = await payment(3000, "Anna Schmidt");
    const cancelled = await payment(4000);
    await decidePayment(db, { paymentId: cancelled.id, decision: "cancel", reason: "Out of stock", actor: { type: "user", id: "1" }, now: T0 });
    const unnamed = await payment(7700, "Petra Novak");

    const r = ok(
      await importEntries(acc.id, [
        { amount: "50.00", bookingDate: day, text: `Order ${formatReference(exact.reference).toLowerCase().replace("-", " ")} thanks` },
        { amount: "25.00", bookingDate: day, text: `ref ${withZero.reference.replace(/0/g, "O").replace(/1/g, "l")}` },
        { amount: "60.00", bookingDate: day, structuredRef: creditorReference(under.reference) },
        { amount: "35.00", bookingDate: day, text: over.reference },
        { amount: "40.00", bookingDate: day, text: cancelled.reference },
        { amount: "77.00", bookingDate: day, text: "Invoice payment", payerName: "NOVAK PETRA" },
        { amount: "12.00", bookingDate: day, direction: "debit", text: "Bank fees" },
      ]),
    );
    expect(r.summary).toMatchObject({ matched: 2, underpaid: 1, overpaid: 1, review: 1, suggested: 1, outgoing: 1, duplicate: 0 });

    const e = await fresh(exact.id);
    expect(e).toMatchObject({ status: "submitted", amountReceived: 5000, bankConfirmedAt: T0 + DAY });
    expect(await fresh(withZero.id)).toMatchObject({ status: "submitted", amountReceived: 2500 });
    // Underpaid: the amount received is recorded, the payment is not paid.
    expect(await fresh(under.id)).toMatchObject({ status: "open", amountReceived: 6000, bankConfirmedAt: null });
    expect(await fresh(over.id)).toMatchObject({ status: "submitted", amountReceived: 3500 });
    expect(await fresh(cancelled.id)).toMatchObject({ status: "cancelled", amountReceived: 0 });

    const events = await db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, exact.id));
    const bankEvent = events.find((ev) => ev.actorType === "bank")!;
    expect(bankEvent).toMatchObject({ fromStatus: "open", toStatus: "submitted" });
    expect(bankEvent.reason).toContain("Found in the bank statement");
    expect(bankEvent.bankLineId).toBe(r.lines[0].id);
    const hooks = (await db.select().from(webhookEvents)).map((w) => `${w.paymentId}:${w.type}`);
    expect(hooks).toEqual(expect.arrayContaining([`${exact.id}:payment.matched`, `${exact.id}:payment.submitted`, `${under.id}:payment.underpaid`, `${over.id}:payment.overpaid`]));
    expect(hooks.filter((h) => h.startsWith(`${cancelled.id}:payment.m`))).toEqual([]);

    const inbox = await inboxLines(db);
    expect(inbox.map((l) => l.line.state).sort()).toEqual(["review", "suggested"]);
    const review = inbox.find((l) => l.line.state === "review")!;
    expect(review.line).toMatchObject({ reason: "cancelled", paymentId: cancelled.id });
    const suggested = inbox.find((l) => l.line.state === "suggested")!;
    expect(suggested.line.suggestions![0]).toMatchObject({ paymentId: unnamed.id });
    expect(suggested.line.suggestions![0].reasons.join(" ")).toMatch(/same amount and currency.*payer name alike/);
    // Searchable by name and amount.
    expect((await inboxLines(db, "novak")).map((l) => l.line.id)).toEqual([suggested.line.id]);
    expect((await inboxLines(db, "40.00")).map((l) => l.line.id)).toEqual([review.line.id]);

    const refunds = await refundsToMake(db);
    expect(refunds.map((x) => [x.id, x.due])).toEqual([[over.id, 500]]);

    // A later statement tops the underpaid payment up.
    const top = ok(await importEntries(acc.id, [{ amount: "40.00", bookingDate: "2026-12-03", text: `Rest ${under.reference}` }]));
    expect(top.summary.matched).toBe(1);
    expect(await fresh(under.id)).toMatchObject({ status: "submitted", amountReceived: 10000 });
    expect((await linesOfPayment(db, under.id)).map((l) => l.state)).toEqual(["underpaid", "matched"]);
  });

  it("matches more lines than one lookup takes (500), each to its own payment, and skips them all in an overlapping statement", async () => {
    const acc = await account();
    const count = 501;
    const paid: Payment[] = [];
    for (let i = 0; i < count; i++) paid.push(await payment(1000 + i));
    const entries: CamtEntry[] = paid.map((p, i) => ({ amount: ((1000 + i) / 100).toFixed(2), bookingDate: day, text: `Order ${p.reference}`, bankRef: `BIG-${i}` }));
    const r = ok(await importEntries(acc.id, entries));
    expect(r.summary).toMatchObject({ matched: count, duplicate: 0 });
    expect(r.lines.map((l) => l.paymentId)).toEqual(paid.map((p) => p.id));
    const after = await db.select().from(payments).orderBy(asc(payments.id));
    expect(after.map((p) => [p.status, p.amountReceived])).toEqual(paid.map((p) => ["submitted", p.amount]));
    // Each paying line: payment.submitted and payment.matched, each delivered to the one endpoint.
    const hooks = await db.select().from(webhookEvents).orderBy(asc(webhookEvents.id));
    expect(hooks.map((h) => `${h.paymentId}:${h.type}`).sort()).toEqual(paid.flatMap((p) => [`${p.id}:payment.matched`, `${p.id}:payment.submitted`]).sort());
    expect(await db.select().from(webhookDeliveries)).toHaveLength(2 * count);

    const again = ok(await importEntries(acc.id, [...entries, { amount: "5.00", bookingDate: day, text: "No reference", bankRef: "BIG-new" }]));
    expect(again.summary).toMatchObject({ duplicate: count, unmatched: 1 });
  });

  it("refuses the same file again, and skips the lines an overlapping statement already brought in", async () => {
    const acc = await account();
    const a = await payment(1000);
    const b = await payment(2000);
    const entries: CamtEntry[] = [
      { amount: "10.00", bookingDate: day, text: a.reference, bankRef: "BANK-1" },
      { amount: "5.00", bookingDate: day, text: "no reference here" },
    ];
    const bytes = new TextEncoder().encode(camt053({ id: "SAME", iban: IBAN, currency: "EUR", entries }));
    const read = await readStatementFile(db, acc.id, bytes);
    if (!read.ok) throw new Error();
    ok(await importStatement(db, read, { fileName: "a.xml", actor: { userId, apiKeyId: null }, now: T0 + DAY }));
    const again = await importStatement(db, read, { fileName: "a-copy.xml", actor: { userId, apiKeyId: null }, now: T0 + DAY });
    expect(again).toMatchObject({ ok: false, error: "duplicate_file" });
    expect((await previewStatement(db, read, T0 + DAY)).duplicateFile).toBe(true);

    const overlap = ok(await importEntries(acc.id, [...entries, { amount: "20.00", bookingDate: "2026-12-03", text: b.reference }]));
    expect(overlap.summary).toMatchObject({ duplicate: 2, matched: 1 });
    expect(await fresh(a.id)).toMatchObject({ amountReceived: 1000 });
  });

  it("refuses a file with a zero amount, naming the line, and writes nothing", async () => {
    const acc = await account();
    const bytes = new TextEncoder().encode(
      camt053({ id: "Z", iban: IBAN, currency: "EUR", entries: [{ amount: "10.00", bookingDate: day }, { amount: "0.00", bookingDate: day }] }),
    );
    const read = await readStatementFile(db, acc.id, bytes);
    expect(read.ok).toBe(false);
    if (read.ok || read.error !== "unreadable") throw new Error();
    expect(read.lineErrors).toHaveLength(1);
    expect(read.lineErrors[0].lineNo).toBeGreaterThan(1);
    expect(read.lineErrors[0].message).toMatch(/zero/);
  });

  it("approves an exact match automatically when the account says so, and counts a shortfall within the fee tolerance as paid", async () => {
    const acc = await account({ autoApprove: true, feeTolerance: 150 });
    const exact = await payment(5000);
    const short = await payment(8000);
    const over = await payment(1000);
    ok(
      await importEntries(acc.id, [
        { amount: "50.00", bookingDate: day, text: exact.reference },
        { amount: "79.00", bookingDate: day, text: short.reference },
        { amount: "12.00", bookingDate: day, text: over.reference },
      ]),
    );
    expect(await fresh(exact.id)).toMatchObject({ status: "approved", amountReceived: 5000 });
    expect(await fresh(short.id)).toMatchObject({ status: "approved", amountReceived: 7900 });
    // Overpaid: a person looks at it (a refund to make) before it is approved.
    expect(await fresh(over.id)).toMatchObject({ status: "submitted" });
    const approvals = await db.select().from(paymentEvents).where(eq(paymentEvents.toStatus, "approved"));
    expect(approvals.map((ev) => [ev.paymentId, ev.actorType])).toEqual([
      [exact.id, "bank"],
      [short.id, "bank"],
    ]);
  });

  it("keeps a person's match, unmatch and ignore whatever the matcher says when it runs again", async () => {
    const acc = await account();
    const p = await payment(3000);
    const q = await payment(4500);
    const r = ok(
      await importEntries(acc.id, [
        { amount: "30.00", bookingDate: day, text: p.reference },
        { amount: "45.00", bookingDate: day, text: "for my order" },
        { amount: "9.00", bookingDate: day, text: "unknown" },
      ]),
    );
    const [pLine, qLine, otherLine] = r.lines;
    expect(await unmatchLine(db, { lineId: pLine.id, userId, now: T0 + 2 * DAY })).toEqual({ ok: true });
    expect(await fresh(p.id)).toMatchObject({ amountReceived: 0, bankConfirmedAt: null, status: "submitted" });
    expect(await matchLine(db, { lineId: qLine.id, reference: formatReference(q.reference).toLowerCase(), userId })).toEqual({ ok: true });
    expect(await fresh(q.id)).toMatchObject({ status: "submitted", amountReceived: 4500 });
    expect(await ignoreLine(db, { lineId: otherLine.id, reason: "", userId })).toMatchObject({ ok: false });
    expect(await ignoreLine(db, { lineId: otherLine.id, reason: "Interest", userId })).toEqual({ ok: true });

    // The matcher would match the first line to p again: it must not.
    expect(await rematchInbox(db, T0 + 3 * DAY)).toBe(0);
    expect(await fresh(p.id)).toMatchObject({ amountReceived: 0 });
    const states = (await inboxLines(db)).map((l) => [l.line.id, l.line.state]);
    expect(states).toEqual([[pLine.id, "unmatched"]]);
    // Matching a cancelled payment is refused with the reason.
    const c = await payment(100);
    await decidePayment(db, { paymentId: c.id, decision: "cancel", reason: "x", actor: { type: "user", id: "1" }, now: T0 });
    expect(await matchLine(db, { lineId: pLine.id, reference: c.reference, userId })).toMatchObject({ ok: false, message: expect.stringMatching(/cancelled/) });
  });

  it("matches inbox lines when the matcher runs again after their payment exists, and approves all bank-confirmed at once", async () => {
    const acc = await account();
    const a = await payment(1500);
    ok(await importEntries(acc.id, [{ amount: "15.00", bookingDate: day, text: a.reference }]));
    // A line naming a reference no payment has yet (created after the money arrived).
    const body = "7QX3K9M";
    const later = body + referenceCheckSymbol(body);
    ok(await importEntries(acc.id, [{ amount: "25.00", bookingDate: day, text: `Payment ${later}` }]));
    expect((await inboxLines(db)).map((l) => l.line.state)).toEqual(["unmatched"]);
    const b = await payment(2500, null, later);
    expect(await rematchInbox(db, T0 + 2 * DAY)).toBe(1);
    expect(await fresh(b.id)).toMatchObject({ status: "submitted", amountReceived: 2500 });
    expect(await inboxLines(db)).toEqual([]);
    expect(await approveBankConfirmed(db, { userId })).toBe(2);
    expect(await fresh(a.id)).toMatchObject({ status: "approved", decidedByUserId: userId });
  });
});

describe("a statement longer than one INSERT", () => {
  it("writes every line, event and webhook of 450 lines as one line at a time would, top-ups included", async () => {
    const acc = await account();
    const paid = [];
    for (let i = 0; i < 300; i++) paid.push(await payment(1000 + i));
    const halves = [];
    for (let i = 0; i < 50; i++) halves.push(await payment(2000 + 2 * i));
    const nameless = await payment(99_900, "Jan Kowalski");
    const entries: CamtEntry[] = [
      ...paid.map((p, i) => ({ amount: ((1000 + i) / 100).toFixed(2), bookingDate: day, structuredRef: creditorReference(p.reference) })),
      // Each paid in two halves in the same file: underpaid, then topped up.
      ...halves.flatMap((p, i) => [0, 1].map(() => ({ amount: ((1000 + i) / 100).toFixed(2), bookingDate: day, text: `Order ${p.reference}` }))),
      // 49 lines with no reference and no payment of their amount, one with a payment of its amount (a suggestion).
      ...Array.from({ length: 49 }, (_, i) => ({ amount: `${i + 1}.01`, bookingDate: day, text: "no reference" })),
      { amount: "999.00", bookingDate: day, text: "Invoice", payerName: "KOWALSKI JAN" },
    ];
    const r = ok(await importEntries(acc.id, entries));
    expect(r.summary).toMatchObject({ matched: 350, underpaid: 50, suggested: 1, unmatched: 49 });
    expect(r.lines).toHaveLength(450);

    const lines = await db.select().from(bankStatementLines).where(eq(bankStatementLines.bankAccountId, acc.id)).orderBy(asc(bankStatementLines.id));
    expect(lines.map((l) => l.position)).toEqual(r.lines.map((l) => l.position));
    // A line without suggestions holds none (not the JSON text "null"); the one with a suggestion names the payment.
    expect(lines.filter((l) => l.suggestions !== null).map((l) => l.suggestions![0].paymentId)).toEqual([nameless.id]);
    const stored = await db.select({ id: bankStatementLines.id }).from(bankStatementLines).where(isNotNull(bankStatementLines.suggestions));
    expect(stored).toHaveLength(1);
    expect(lines[0]).toMatchObject({ amount: 1000, currency: "EUR", direction: "credit", reversal: false, state: "matched", paymentId: paid[0].id, appliedAmount: 1000 });

    for (const p of [paid[0], paid[199], paid[200], paid[299]]) expect(await fresh(p.id)).toMatchObject({ status: "submitted", amountReceived: p.amount });
    const half = halves[49];
    // Two changes of the row, each raising its version once.
    expect(await fresh(half.id)).toMatchObject({ status: "submitted", amountReceived: half.amount, bankConfirmedAt: T0 + DAY, updatedAt: T0 + DAY, version: half.version + 2 });
    const halfLines = lines.filter((l) => l.paymentId === half.id);
    expect(halfLines.map((l) => l.state)).toEqual(["underpaid", "matched"]);
    const halfEvents = await db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, half.id)).orderBy(asc(paymentEvents.id));
    expect(halfEvents.filter((e) => e.actorType === "bank").map((e) => [e.fromStatus, e.toStatus, e.bankLineId])).toEqual([
      ["open", "open", halfLines[0].id],
      ["open", "submitted", halfLines[1].id],
    ]);

    // Every webhook once, one pending delivery each, sent in the lines' order (as the deliveries job claims them).
    const allHooks = await db.select().from(webhookEvents).orderBy(asc(webhookEvents.id));
    expect(allHooks).toHaveLength(300 * 2 + 50 * 3);
    expect(new Set(allHooks.map((h) => h.msgId)).size).toBe(allHooks.length);
    const deliveries = await db.select().from(webhookDeliveries);
    expect(deliveries.map((d) => d.eventId).sort((a, b) => a - b)).toEqual(allHooks.map((h) => h.id).sort((a, b) => a - b));
    expect(new Set(deliveries.map((d) => d.status))).toEqual(new Set(["pending"]));
    const sent = [];
    // (PostgreSQL's claim looks at 500 at a time.)
    for (let batch; (batch = await claimDueDeliveries(db, T0 + DAY, { limit: 1000, perEndpoint: 1000 })).length > 0; ) sent.push(...batch);
    const bodies = sent.map((d) => JSON.parse(d.payload) as { type: string; timestamp: string; data: { id: number; bank_lines: unknown[]; amount_received: string } });
    expect(bodies.map((b) => b.data.id)).toEqual([...paid.flatMap((p) => [p.id, p.id]), ...halves.flatMap((p) => [p.id, p.id, p.id])]);
    // Each payment's webhooks in order, each listing the lines that paid it so far.
    const halfBodies = bodies.filter((b) => b.data.id === half.id);
    expect(halfBodies.map((b) => b.type)).toEqual(["payment.underpaid", "payment.submitted", "payment.matched"]);
    expect(halfBodies.map((b) => b.data.bank_lines.length)).toEqual([1, 2, 2]);
    expect(halfBodies.map((b) => b.data.amount_received)).toEqual(["10.49", "20.98", "20.98"]);
    expect(new Set(halfBodies.map((b) => b.timestamp))).toEqual(new Set([new Date(T0 + DAY).toISOString()]));
    // The two events of one change (submitted and matched: the same payment, moment and data) store its data once.
    const halfHooks = allHooks.filter((h) => h.paymentId === half.id);
    expect(halfHooks.filter((h) => h.payload === "").map((h) => [h.type, allHooks.find((o) => o.id === h.dataFrom)?.type])).toEqual([["payment.matched", "payment.submitted"]]);
    expect(allHooks.filter((h) => h.payload === "")).toHaveLength(350);
    const bankEvents = await db.select().from(paymentEvents).where(eq(paymentEvents.actorType, "bank")).orderBy(asc(paymentEvents.id));
    expect(bankEvents.map((e) => e.bankLineId)).toEqual(lines.filter((l) => l.paymentId !== null && l.state !== "suggested").map((l) => l.id));
  });
});

describe("the payer's e-mail about the bank statement", () => {
  const saved = { SMTP_URL: process.env.SMTP_URL, MAIL_FROM: process.env.MAIL_FROM };
  beforeEach(() => {
    process.env.SMTP_URL = "smtp://127.0.0.1:1?starttls=off";
    process.env.MAIL_FROM = "Shop <billing@shop.example>";
  });
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it("tells the payer how much is missing when a line pays part, and that it is approved when the account approves by itself", async () => {
    const manual = await account();
    const auto = await account({ autoApprove: true });
    const short = await createPayment(db, { amount: 10000, currency: "EUR", description: "Order", customerEmail: "payer@example.com", expiresAt: T0 + 10 * DAY, actor: { type: "user", id: "1" }, now: T0 });
    const whole = await createPayment(db, { amount: 2500, currency: "EUR", description: "Order", customerEmail: "other@example.com", expiresAt: T0 + 10 * DAY, actor: { type: "user", id: "1" }, now: T0 });
    ok(await importEntries(manual.id, [{ amount: "60.00", bookingDate: day, text: short.reference }]));
    ok(await importEntries(auto.id, [{ amount: "25.00", bookingDate: day, text: whole.reference }]));

    const mails = await db.select().from(emailOutbox);
    const of = (id: number) => mails.filter((m) => m.paymentId === id).map((m) => [m.kind, m.toAddress]);
    expect(of(short.id)).toEqual([["underpaid", "payer@example.com"]]);
    expect(JSON.stringify(mails.find((m) => m.kind === "underpaid")!.mail)).toContain('"receivedAmount":6000');
    expect(await fresh(whole.id)).toMatchObject({ status: "approved" });
    expect(of(whole.id)).toEqual([["approved", "other@example.com"]]);
  });
});
