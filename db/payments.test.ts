// Payments against a real (throw-away) SQLite file: creation, method choice, "I have paid", decisions, expiry,
// the pending queue and the searchable list with keyset paging.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {type Db, write } from "./connection";
import { chooseMethod, createPayment, decidePayment, expireDuePayments, paymentById, paymentByToken, submitPayment, type Actor, type CreatePaymentInput } from "./payments";
import { withEffectiveStatus } from "@/lib/payment-status";
import { countSubmitted, eventsOfPayment, listPayments, pendingCount, pendingPayments, type ListFilter } from "./payment-lists";
import { decodeCursor } from "@/lib/cursor";
import { methodsForPayment } from "./methods";
import { paymentEvents, paymentMethods, payments, users, webhookDeliveries, webhookEvents, type NewPaymentMethod, type Payment } from "./tables";
import { createEndpoint, updateEndpoint } from "./webhooks";
import { toApiPayment } from "@/lib/api/payment";
import { publicOrigin } from "@/lib/public-origin";
import { REFERENCE_ALPHABET, formatReference, normalizeReference } from "@/lib/reference";
import { isWellFormedToken } from "@/lib/token";
import { openTestDb, testSql, type TestDb } from "./test-db";
import { isUniqueViolation } from "./errors";

// Lets a test force the next generated references, to provoke the (rare) reference collision on purpose.
const refControl = vi.hoisted(() => ({ forced: [] as string[] }));
vi.mock("@/lib/reference", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/reference")>();
  return {
    ...actual,
    generateReference: (...args: Parameters<typeof actual.generateReference>) =>
      refControl.forced.length > 0 ? refControl.forced.shift()! : actual.generateReference(...args),
  };
});

const T0 = Date.UTC(2026, 10, 1, 9, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const SHOP: Actor = { type: "api_key", id: "key-1" };
const AGENT: Actor = { type: "user", id: "1" };

let testDb: TestDb;
let db: Db;

beforeEach(async () => {
  testDb = await openTestDb("payments");
  db = testDb.db;
  refControl.forced = [];
});

afterEach(async () => {
  await testDb.close();
});

async function addUser(name: string): Promise<number> {
  return (await write(db, (w) => w
    .insert(users)
    .values({ email: `${name.toLowerCase().replace(/\W+/g, ".")}@shop.example`, name, passwordHash: "x", role: "agent", createdAt: T0 })
    .returning()))[0].id;
}

async function addMethod(over: Partial<NewPaymentMethod> = {}): Promise<number> {
  return (await write(db, (w) => w
    .insert(paymentMethods)
    .values({
      name: "SEPA transfer",
      kind: "bank_transfer",
      currencies: [],
      details: [{ label: "IBAN", value: "DE89 3704 0044 0532 0130 00" }],
      instructions: "Use the reference {{reference}}.",
      createdAt: T0,
      updatedAt: T0,
      ...over,
    })
    .returning()))[0].id;
}

async function newPayment(over: Partial<CreatePaymentInput> = {}): Promise<Payment> {
  return await createPayment(db, { amount: 2500, currency: "EUR", description: "Wool blanket", expiresAt: T0 + DAY, actor: SHOP, now: T0, ...over });
}

/** A payment the customer has marked as paid with the given method at the given moment. */
async function submittedPayment(methodId: number, submitAt: number, over: Partial<CreatePaymentInput> = {}): Promise<Payment> {
  const p = await newPayment(over);
  expect(await chooseMethod(db, p.id, methodId, submitAt)).toEqual({ ok: true });
  expect(await submitPayment(db, { paymentId: p.id, transactionId: `TX-${p.id}`, receipt: null, now: submitAt })).toEqual({ ok: true });
  return (await paymentById(db, p.id))!;
}

async function events(paymentId: number) {
  return (await db.select().from(paymentEvents).where(eq(paymentEvents.paymentId, paymentId)).orderBy(paymentEvents.id));
}

async function statusOf(id: number) {
  return (await paymentById(db, id))!.status;
}

describe("createPayment", () => {
  it("creates an open payment and logs who opened it", async () => {
    const agentId = await addUser("Ada Agent");
    const p = await newPayment({ customerEmail: "Marta.Rossi@Example.COM", orderId: "1001", actor: { type: "user", id: String(agentId) }, createdByUserId: agentId });
    expect(p).toMatchObject({ status: "open", amount: 2500, currency: "EUR", orderId: "1001", createdAt: T0, version: 1, methodId: null, submittedAt: null });
    // Stored lower-cased so the agent's search finds it whatever case the shop sent.
    expect(p.customerEmail).toBe("marta.rossi@example.com");

    const log = await eventsOfPayment(db, p.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ fromStatus: null, toStatus: "open", actorType: "user", actorId: String(agentId), actorName: "Ada Agent", createdAt: T0 });

    const viaApi = await newPayment();
    expect(await eventsOfPayment(db, viaApi.id)).toEqual([expect.objectContaining({ fromStatus: null, toStatus: "open", actorType: "api_key", actorId: "key-1", actorName: null })]);
  });

  it("gives every payment a distinct, typeable reference with a valid check symbol and a distinct URL-safe token", async () => {
    const created: Payment[] = [];
    for (let i = 0; i < 40; i++) created.push(await newPayment());
    const refRe = new RegExp(`^[${REFERENCE_ALPHABET}]{8}$`);
    for (const p of created) {
      expect(p.reference).toMatch(refRe);
      expect(normalizeReference(p.reference)).toBe(p.reference);
      expect(isWellFormedToken(p.token)).toBe(true);
      expect(p.token).not.toContain(p.reference);
    }
    expect(new Set(created.map((p) => p.reference)).size).toBe(created.length);
    expect(new Set(created.map((p) => p.token)).size).toBe(created.length);
  });

  it("retries when a freshly generated reference is already taken, instead of failing the shop's request", async () => {
    const first = await newPayment();
    refControl.forced = [first.reference, first.reference];
    const second = await newPayment({ description: "Second order" });
    expect(second.reference).not.toBe(first.reference);
    expect(normalizeReference(second.reference)).toBe(second.reference);
    expect(await db.select().from(payments)).toHaveLength(2);
    expect(await events(second.id)).toHaveLength(1);
  });

  it("gives up after repeated collisions without leaving a half-written payment or event behind", async () => {
    const first = await newPayment();
    refControl.forced = Array(20).fill(first.reference);
    await expect(newPayment({ description: "Unlucky" })).rejects.toSatisfy((e) => isUniqueViolation(e, "payments.reference"));
    expect(await db.select().from(payments)).toHaveLength(1);
    expect(await db.select().from(paymentEvents)).toHaveLength(1);
  });
});

describe("chooseMethod", () => {
  it("refuses a method that does not take the payment's currency or amount, or is switched off", async () => {
    const eurOnly = await addMethod({ name: "SEPA", currencies: ["EUR"], minAmount: "1", maxAmount: "100" });
    const disabled = await addMethod({ name: "Old wallet", enabled: false });
    const archived = await addMethod({ name: "Retired cash desk", archived: true });

    const usd = await newPayment({ currency: "USD" });
    const tooBig = await newPayment({ amount: 100_01 }); // 100.01 EUR > max 100
    const tooSmall = await newPayment({ amount: 99 }); // 0.99 EUR < min 1
    const fine = await newPayment({ amount: 100_00 }); // exactly the max

    for (const p of [usd, tooBig, tooSmall]) {
      expect(await chooseMethod(db, p.id, eurOnly, T0)).toEqual({ ok: false, error: "method_unavailable" });
      expect(await paymentById(db, p.id)).toMatchObject({ methodId: null, methodSnapshot: null, version: 1 });
    }
    for (const m of [disabled, archived, 9999]) expect(await chooseMethod(db, fine.id, m, T0)).toEqual({ ok: false, error: "method_unavailable" });
    expect((await methodsForPayment(db, fine)).map((m) => m.id)).toEqual([eurOnly]);

    expect(await chooseMethod(db, fine.id, eurOnly, T0)).toEqual({ ok: true });
    expect(await paymentById(db, fine.id)).toMatchObject({ methodId: eurOnly, methodSnapshot: { id: eurOnly, name: "SEPA", kind: "bank_transfer" } });
    // Choosing a method is not a status change: no event.
    expect(await events(fine.id)).toHaveLength(1);
  });

  it("refuses once the payment was submitted, and once it is past its expiry", async () => {
    const sepa = await addMethod({ name: "SEPA" });
    const cash = await addMethod({ name: "Cash", kind: "cash" });
    const p = await submittedPayment(sepa, T0 + MIN);
    expect(await chooseMethod(db, p.id, cash, T0 + 2 * MIN)).toEqual({ ok: false, error: "not_open" });
    expect(await paymentById(db, p.id)).toMatchObject({ methodId: sepa, methodSnapshot: { name: "SEPA" } });

    const late = await newPayment({ expiresAt: T0 + HOUR });
    expect(await chooseMethod(db, late.id, cash, T0 + HOUR)).toEqual({ ok: false, error: "not_open" });
    expect((await paymentById(db, late.id))!.methodId).toBeNull();

    expect(await chooseMethod(db, 424242, cash, T0)).toEqual({ ok: false, error: "not_open" });
  });
});

describe("submitPayment", () => {
  it("without a chosen method is refused (no_method) and changes nothing", async () => {
    const m = await addMethod();
    const p = await newPayment();
    expect(await submitPayment(db, { paymentId: p.id, transactionId: "TX", receipt: null, now: T0 + MIN })).toEqual({ ok: false, error: "no_method" });
    // Choosing and then un-choosing leaves it without a method again.
    expect(await chooseMethod(db, p.id, m, T0)).toEqual({ ok: true });
    expect(await chooseMethod(db, p.id, null, T0)).toEqual({ ok: true });
    expect(await submitPayment(db, { paymentId: p.id, transactionId: "TX", receipt: null, now: T0 + MIN })).toEqual({ ok: false, error: "no_method" });
    expect(await paymentById(db, p.id)).toMatchObject({ status: "open", transactionId: null, submittedAt: null });
    expect((await events(p.id)).map((e) => e.toStatus)).toEqual(["open"]);
  });

  it("after the expiry moment is refused (expired) and the payment is not marked as paid", async () => {
    const m = await addMethod();
    const p = await newPayment({ expiresAt: T0 + HOUR });
    expect(await chooseMethod(db, p.id, m, T0)).toEqual({ ok: true });
    expect(await submitPayment(db, { paymentId: p.id, transactionId: "TX", receipt: null, now: T0 + HOUR })).toEqual({ ok: false, error: "expired" });
    expect(await submitPayment(db, { paymentId: p.id, transactionId: "TX", receipt: null, now: T0 + 2 * HOUR })).toEqual({ ok: false, error: "expired" });
    expect(await paymentById(db, p.id)).toMatchObject({ status: "open", submittedAt: null, transactionId: null });
    expect(await events(p.id)).toHaveLength(1);
  });

  it("marks the payment as paid once; a second press is refused and keeps the first transaction id and receipt", async () => {
    const m = await addMethod();
    const p = await newPayment();
    expect(await chooseMethod(db, p.id, m, T0)).toEqual({ ok: true });
    const beforeVersion = (await paymentById(db, p.id))!.version;
    const receipt = { file: `${"a".repeat(32)}.png`, mime: "image/png", size: 12345 };
    expect(await submitPayment(db, { paymentId: p.id, transactionId: "SEPA-0042", receipt, now: T0 + 5 * MIN })).toEqual({ ok: true });
    expect(await submitPayment(db, { paymentId: p.id, transactionId: "OTHER", receipt: null, now: T0 + 6 * MIN })).toEqual({ ok: false, error: "not_open" });

    const after = (await paymentById(db, p.id))!;
    expect(after).toMatchObject({
      status: "submitted",
      transactionId: "SEPA-0042",
      receiptFile: receipt.file,
      receiptMime: "image/png",
      receiptSize: 12345,
      submittedAt: T0 + 5 * MIN,
      version: beforeVersion + 1,
    });
    const submitted = (await events(p.id)).filter((e) => e.toStatus === "submitted");
    expect(submitted).toHaveLength(1);
    expect(submitted[0]).toMatchObject({ fromStatus: "open", actorType: "customer", createdAt: T0 + 5 * MIN });
  });

  it("for an unknown payment is refused", async () => {
    expect(await submitPayment(db, { paymentId: 777, transactionId: null, receipt: null, now: T0 })).toEqual({ ok: false, error: "not_open" });
  });
});

describe("decidePayment", () => {
  it("refuses to approve a payment nobody has marked as paid yet", async () => {
    const p = await newPayment();
    const r = await decidePayment(db, { paymentId: p.id, decision: "approve", actor: AGENT, now: T0 + MIN });
    expect(r).toEqual({ ok: false, error: "conflict", status: "open", message: "Only a submitted payment can be approved." });
    expect(await paymentById(db, p.id)).toEqual(p);
    expect(await events(p.id)).toHaveLength(1);
  });

  it("lets an agent cancel an open payment, recording who, when and why", async () => {
    const agentId = await addUser("Alex Agent");
    const p = await newPayment();
    const r = await decidePayment(db, { paymentId: p.id, decision: "cancel", reason: "Customer asked to cancel.", actor: { type: "user", id: String(agentId) }, userId: agentId, now: T0 + MIN });
    expect(r.ok).toBe(true);
    expect(await paymentById(db, p.id)).toMatchObject({ status: "cancelled", decisionReason: "Customer asked to cancel.", decidedByUserId: agentId, decidedAt: T0 + MIN, version: 2 });
    expect((await eventsOfPayment(db, p.id))[1]).toMatchObject({ fromStatus: "open", toStatus: "cancelled", actorName: "Alex Agent", reason: "Customer asked to cancel." });
  });

  it("approves a submitted payment and returns the updated row", async () => {
    const agentId = await addUser("Alex Agent");
    const p = await submittedPayment(await addMethod(), T0 + MIN);
    const r = await decidePayment(db, { paymentId: p.id, decision: "approve", actor: { type: "user", id: String(agentId) }, userId: agentId, now: T0 + 2 * MIN });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.payment).toMatchObject({ id: p.id, status: "approved", decidedByUserId: agentId, decidedAt: T0 + 2 * MIN, decisionReason: null, version: p.version + 1 });
    expect(r.payment).toEqual(await paymentById(db, p.id));
    expect((await events(p.id)).map((e) => `${e.fromStatus}>${e.toStatus}`)).toEqual(["null>open", "open>submitted", "submitted>approved"]);
  });

  it("refuses to approve after a cancellation, saying so", async () => {
    const p = await submittedPayment(await addMethod(), T0 + MIN);
    expect((await decidePayment(db, { paymentId: p.id, decision: "cancel", reason: "No transfer arrived.", actor: AGENT, now: T0 + 2 * MIN })).ok).toBe(true);
    const r = await decidePayment(db, { paymentId: p.id, decision: "approve", actor: AGENT, now: T0 + 3 * MIN });
    expect(r).toEqual({ ok: false, error: "conflict", status: "cancelled", message: "This payment was already cancelled." });
    expect(await paymentById(db, p.id)).toMatchObject({ status: "cancelled", decisionReason: "No transfer arrived.", decidedAt: T0 + 2 * MIN });
  });

  it("lets the shop's API key cancel only while the payment is still open, and never approve", async () => {
    const m = await addMethod();
    const open = await newPayment();
    expect((await decidePayment(db, { paymentId: open.id, decision: "cancel", actor: SHOP, now: T0 + MIN })).ok).toBe(true);
    expect(await statusOf(open.id)).toBe("cancelled");

    const paid = await submittedPayment(m, T0 + MIN);
    expect(await decidePayment(db, { paymentId: paid.id, decision: "cancel", actor: SHOP, now: T0 + 2 * MIN })).toEqual({
      ok: false,
      error: "conflict",
      status: "submitted",
      message: "Only a team member can cancel a submitted payment.",
    });
    expect(await decidePayment(db, { paymentId: paid.id, decision: "approve", actor: SHOP, now: T0 + 2 * MIN })).toMatchObject({ ok: false, error: "conflict", status: "submitted" });
    expect(await paymentById(db, paid.id)).toEqual(paid);
  });

  it("answers not_found for an unknown payment", async () => {
    expect(await decidePayment(db, { paymentId: 31337, decision: "approve", actor: AGENT, now: T0 })).toEqual({ ok: false, error: "not_found" });
    expect(await decidePayment(db, { paymentId: 31337, decision: "cancel", actor: AGENT, now: T0 })).toEqual({ ok: false, error: "not_found" });
  });
});

describe("the rows a change writes beside its update", () => {
  it("logs each change, and queues its webhook once for the enabled endpoints that want it, in their order; nothing when none does", async () => {
    const m = await addMethod();
    const quiet = await submittedPayment(m, T0 + MIN); // no endpoint yet: logged, nothing queued
    const a = await createEndpoint(db, { url: "https://a.example/hook", events: ["payment.approved"] }, T0);
    const off = await createEndpoint(db, { url: "https://off.example/hook", events: ["payment.approved"] }, T0);
    await updateEndpoint(db, off.id, { enabled: false }, T0);
    const b = await createEndpoint(db, { url: "https://b.example/hook", events: ["payment.submitted", "payment.approved"] }, T0);
    const p = await submittedPayment(m, T0 + 2 * MIN);
    const decided = await decidePayment(db, { paymentId: p.id, decision: "approve", actor: AGENT, now: T0 + 3 * MIN });
    expect(decided.ok).toBe(true);

    expect((await events(quiet.id)).map((e) => e.toStatus)).toEqual(["open", "submitted"]);
    expect((await events(p.id)).map((e) => [e.fromStatus, e.toStatus, e.actorType, e.createdAt])).toEqual([
      [null, "open", "api_key", T0],
      ["open", "submitted", "customer", T0 + 2 * MIN],
      ["submitted", "approved", "user", T0 + 3 * MIN],
    ]);
    const outbox = await db.select().from(webhookEvents).orderBy(webhookEvents.id);
    expect(outbox.map((e) => [e.type, e.paymentId, e.createdAt])).toEqual([
      ["payment.submitted", p.id, T0 + 2 * MIN],
      ["payment.approved", p.id, T0 + 3 * MIN],
    ]);
    const approved = (await paymentById(db, p.id))!;
    expect(JSON.parse(outbox[1].payload)).toEqual({ type: "payment.approved", timestamp: new Date(T0 + 3 * MIN).toISOString(), data: toApiPayment(approved, [], publicOrigin()) });
    expect(outbox[1].msgId).toMatch(/^msg_[A-Za-z0-9_-]{22}$/);
    const deliveries = await db.select().from(webhookDeliveries).orderBy(webhookDeliveries.id);
    expect(deliveries.map((d) => [d.eventId, d.endpointId, d.status, d.attempts, d.nextAttemptAt])).toEqual([
      [outbox[0].id, b.id, "pending", 0, T0 + 2 * MIN],
      [outbox[1].id, a.id, "pending", 0, T0 + 3 * MIN],
      [outbox[1].id, b.id, "pending", 0, T0 + 3 * MIN],
    ]);
  });

  it("writes none of them when the change fails", async () => {
    const m = await addMethod();
    const p = await submittedPayment(m, T0 + MIN);
    await createEndpoint(db, { url: "https://a.example/hook", events: ["payment.approved", "payment.cancelled"] }, T0);
    expect((await decidePayment(db, { paymentId: p.id, decision: "approve", actor: AGENT, now: T0 + 2 * MIN })).ok).toBe(true);
    expect((await decidePayment(db, { paymentId: p.id, decision: "cancel", actor: AGENT, now: T0 + 3 * MIN })).ok).toBe(false);
    expect((await events(p.id)).map((e) => e.toStatus)).toEqual(["open", "submitted", "approved"]);
    expect((await db.select().from(webhookEvents)).map((e) => e.type)).toEqual(["payment.approved"]);
    expect(await db.select().from(webhookDeliveries)).toHaveLength(1);
  });
});

describe("a change from the row the caller read (on PostgreSQL one statement, db/change-rows.ts changeAsSeen)", () => {
  it("an \"I have paid\" from the row the payer's page read writes what one without it writes", async () => {
    const m = await addMethod();
    const hook = await createEndpoint(db, { url: "https://a.example/hook", events: ["payment.submitted"] }, T0);
    const p = await newPayment();
    expect(await chooseMethod(db, p.id, m, T0)).toEqual({ ok: true });
    const seen = (await paymentById(db, p.id))!;
    const receipt = { file: `${"b".repeat(32)}.pdf`, mime: "application/pdf", size: 2048, name: "receipt.pdf" };
    expect(await submitPayment(db, { paymentId: p.id, transactionId: "SEPA-7", receipt, payerLocale: "ru", seen, now: T0 + 5 * MIN })).toEqual({ ok: true });

    const after = (await paymentById(db, p.id))!;
    expect(after).toEqual({
      ...seen,
      status: "submitted",
      transactionId: "SEPA-7",
      receiptFile: receipt.file,
      receiptMime: "application/pdf",
      receiptSize: 2048,
      receiptName: "receipt.pdf",
      submittedAt: T0 + 5 * MIN,
      updatedAt: T0 + 5 * MIN,
      payerLocale: "ru",
      version: seen.version + 1,
    });
    expect((await events(p.id)).map((e) => [e.fromStatus, e.toStatus, e.actorType, e.createdAt])).toEqual([
      [null, "open", "api_key", T0],
      ["open", "submitted", "customer", T0 + 5 * MIN],
    ]);
    const outbox = await db.select().from(webhookEvents);
    expect(outbox.map((e) => JSON.parse(e.payload))).toEqual([
      { type: "payment.submitted", timestamp: new Date(T0 + 5 * MIN).toISOString(), data: toApiPayment(after, [], publicOrigin()) },
    ]);
    expect((await db.select().from(webhookDeliveries)).map((d) => [d.eventId, d.endpointId])).toEqual([[outbox[0].id, hook.id]]);
  });

  it("leaves the same row as the transaction path: an \"I have paid\" with and without the row read, a decision with e-mail off and on", async () => {
    const m = await addMethod();
    const receipt = { file: `${"c".repeat(32)}.png`, mime: "image/png", size: 512, name: "r.png" };
    const [a, b] = [await newPayment(), await newPayment()];
    for (const p of [a, b]) await chooseMethod(db, p.id, m, T0);
    const seen = (await paymentById(db, a.id))!;
    const submit = (paymentId: number, withSeen?: Payment) =>
      submitPayment(db, { paymentId, transactionId: "TX-9", receipt, payerLocale: "ru", seen: withSeen, now: T0 + MIN });
    expect(await submit(a.id, seen)).toEqual({ ok: true });
    expect(await submit(b.id)).toEqual({ ok: true });
    // Everything but what tells two payments apart.
    const same = (p: Payment) => ({ ...p, id: 0, token: "", reference: "" });
    expect(same((await paymentById(db, a.id))!)).toEqual(same((await paymentById(db, b.id))!));

    // With e-mail on (these payments have no e-mail address, so no mail row), a decision takes the transaction path.
    const approve = (paymentId: number) => decidePayment(db, { paymentId, decision: "approve", reason: "Seen on the account.", actor: AGENT, userId: null, now: T0 + 2 * MIN });
    const viaStatement = await approve(a.id);
    vi.stubEnv("SMTP_URL", "smtp://mail.example:587");
    try {
      const viaTransaction = await approve(b.id);
      expect(viaStatement.ok && viaTransaction.ok).toBe(true);
      if (!viaStatement.ok || !viaTransaction.ok) return;
      expect(same(viaStatement.payment)).toEqual(same(viaTransaction.payment));
    } finally {
      vi.unstubAllEnvs();
    }
    expect(same((await paymentById(db, a.id))!)).toEqual(same((await paymentById(db, b.id))!));
    const lastEvent = async (id: number) => ({ ...(await events(id)).at(-1)!, id: 0, paymentId: 0 });
    expect(await lastEvent(a.id)).toEqual(await lastEvent(b.id));
  });

  it("a row read before its expiry, or without a method, is refused as without it", async () => {
    const m = await addMethod();
    const late = await newPayment({ expiresAt: T0 + HOUR });
    await chooseMethod(db, late.id, m, T0);
    const seenLate = (await paymentById(db, late.id))!;
    expect(await submitPayment(db, { paymentId: late.id, transactionId: "TX", receipt: null, seen: seenLate, now: T0 + HOUR })).toEqual({ ok: false, error: "expired" });
    const noMethod = await newPayment();
    const seenNoMethod = (await paymentById(db, noMethod.id))!;
    expect(await submitPayment(db, { paymentId: noMethod.id, transactionId: "TX", receipt: null, seen: seenNoMethod, now: T0 + MIN })).toEqual({ ok: false, error: "no_method" });
    for (const p of [late, noMethod]) {
      expect(await paymentById(db, p.id)).toMatchObject({ status: "open", transactionId: null, submittedAt: null });
      expect(await events(p.id)).toHaveLength(1);
    }
  });

  it("a row read before someone else's change is never written over: the change is decided on the row as it is now", async () => {
    const m = await addMethod();
    const m2 = await addMethod({ name: "Cash at the desk", kind: "cash" });
    await createEndpoint(db, { url: "https://a.example/hook", events: ["payment.submitted"] }, T0);

    // Cancelled after the page read it: "I have paid" is refused, and the cancellation stands.
    const cancelled = await newPayment();
    await chooseMethod(db, cancelled.id, m, T0);
    const seenBeforeCancel = (await paymentById(db, cancelled.id))!;
    expect((await decidePayment(db, { paymentId: cancelled.id, decision: "cancel", reason: "Out of stock.", actor: AGENT, now: T0 + MIN })).ok).toBe(true);
    expect(await submitPayment(db, { paymentId: cancelled.id, transactionId: "TX", receipt: null, seen: seenBeforeCancel, now: T0 + 2 * MIN })).toEqual({ ok: false, error: "not_open" });
    expect(await paymentById(db, cancelled.id)).toMatchObject({ status: "cancelled", transactionId: null, decisionReason: "Out of stock." });
    expect((await events(cancelled.id)).map((e) => e.toStatus)).toEqual(["open", "cancelled"]);

    // Another method chosen after the page read it (another tab): the press still counts, and the payment and its
    // webhook show the method chosen last, not the one the stale row names.
    const switched = await newPayment();
    await chooseMethod(db, switched.id, m, T0);
    const seenBeforeSwitch = (await paymentById(db, switched.id))!;
    await chooseMethod(db, switched.id, m2, T0 + MIN);
    expect(await submitPayment(db, { paymentId: switched.id, transactionId: "TX-2", receipt: null, seen: seenBeforeSwitch, now: T0 + 2 * MIN })).toEqual({ ok: true });
    const after = (await paymentById(db, switched.id))!;
    expect(after).toMatchObject({ status: "submitted", methodId: m2, transactionId: "TX-2", version: seenBeforeSwitch.version + 2 });
    const [webhook] = await db.select().from(webhookEvents).where(eq(webhookEvents.paymentId, switched.id));
    expect(JSON.parse(webhook.payload).data).toEqual(toApiPayment(after, [], publicOrigin()));
  });

  it("two presses at once from the same row read make one change, one event and one webhook", async () => {
    const m = await addMethod();
    await createEndpoint(db, { url: "https://a.example/hook", events: ["payment.submitted", "payment.approved"] }, T0);
    const p = await newPayment();
    await chooseMethod(db, p.id, m, T0);
    const seen = (await paymentById(db, p.id))!;
    const results = await Promise.all(["TX-1", "TX-2", "TX-3"].map((tx) => submitPayment(db, { paymentId: p.id, transactionId: tx, receipt: null, seen, now: T0 + MIN })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: "not_open" }, { ok: false, error: "not_open" }]);
    const winner = ["TX-1", "TX-2", "TX-3"][results.findIndex((r) => r.ok)];
    expect(await paymentById(db, p.id)).toMatchObject({ status: "submitted", transactionId: winner, version: seen.version + 1 });

    // And two agents approving at once: one approval.
    const decided = await Promise.all([1, 2].map((id) => decidePayment(db, { paymentId: p.id, decision: "approve", actor: { type: "user", id: String(id) }, now: T0 + 2 * MIN })));
    expect(decided.filter((r) => r.ok)).toHaveLength(1);
    expect(decided.find((r) => !r.ok)).toMatchObject({ ok: false, error: "conflict", status: "approved" });
    expect((await events(p.id)).map((e) => e.toStatus)).toEqual(["open", "submitted", "approved"]);
    expect((await db.select().from(webhookEvents).orderBy(webhookEvents.id)).map((e) => e.type)).toEqual(["payment.submitted", "payment.approved"]);
    expect(await db.select().from(webhookDeliveries)).toHaveLength(2);
  });
});

describe("terminal payments", () => {
  it("approved, cancelled and expired payments never change again, whoever tries what", async () => {
    const m = await addMethod();
    const other = await addMethod({ name: "Cash", kind: "cash" });
    const approved = await submittedPayment(m, T0 + MIN);
    await decidePayment(db, { paymentId: approved.id, decision: "approve", actor: AGENT, now: T0 + 2 * MIN });
    const cancelled = await submittedPayment(m, T0 + MIN);
    await decidePayment(db, { paymentId: cancelled.id, decision: "cancel", reason: "Fake receipt.", actor: AGENT, now: T0 + 2 * MIN });
    const expired = await newPayment({ expiresAt: T0 + MIN });
    expect(await expireDuePayments(db, T0 + 2 * MIN)).toBe(1);

    const ids = [approved.id, cancelled.id, expired.id];
    const rowsBefore = await Promise.all(ids.map((id) => paymentById(db, id)));
    const eventsBefore = await Promise.all(ids.map((id) => events(id)));
    expect(rowsBefore.map((r) => r!.status)).toEqual(["approved", "cancelled", "expired"]);

    const later = T0 + 3 * MIN;
    for (const id of ids) {
      for (const actor of [AGENT, SHOP, { type: "customer", id: null } as Actor, { type: "system", id: null } as Actor]) {
        for (const decision of ["approve", "cancel"] as const) {
          const r = await decidePayment(db, { paymentId: id, decision, reason: "again", actor, now: later });
          expect(r).toMatchObject({ ok: false, error: "conflict", status: rowsBefore[ids.indexOf(id)]!.status });
        }
      }
      expect(await submitPayment(db, { paymentId: id, transactionId: "LATE", receipt: null, now: later })).toEqual({ ok: false, error: "not_open" });
      expect(await chooseMethod(db, id, other, later)).toEqual({ ok: false, error: "not_open" });
      expect(await chooseMethod(db, id, null, later)).toEqual({ ok: false, error: "not_open" });
    }
    expect(await expireDuePayments(db, T0 + 10 * DAY)).toBe(0);

    expect(await Promise.all(ids.map((id) => paymentById(db, id)))).toEqual(rowsBefore);
    expect(await Promise.all(ids.map((id) => events(id)))).toEqual(eventsBefore);
  });
});

describe("expiry", () => {
  it("expireDuePayments turns an overdue open payment into expired with one system event, and leaves it alone before", async () => {
    const p = await newPayment({ expiresAt: T0 + HOUR });
    expect(await expireDuePayments(db, T0 + HOUR - 1)).toBe(0);
    expect(await paymentById(db, p.id)).toEqual(p);
    expect(await expireDuePayments(db, T0 + HOUR)).toBe(1);
    const expired = await paymentById(db, p.id);
    expect(expired).toMatchObject({ status: "expired", version: p.version + 1, updatedAt: T0 + HOUR });
    // Running again does not log a second expiry.
    expect(await expireDuePayments(db, T0 + 2 * HOUR)).toBe(0);
    expect(await paymentById(db, p.id)).toEqual(expired);
    const log = await events(p.id);
    expect(log).toHaveLength(2);
    expect(log[1]).toMatchObject({ actorType: "system", actorId: null, fromStatus: "open", toStatus: "expired", createdAt: T0 + HOUR });
    expect(log[1].reason).toBeTruthy();
  });

  it("a read after the deadline shows the payment as expired, and writes nothing", async () => {
    const p = await newPayment({ expiresAt: T0 + HOUR });
    expect(withEffectiveStatus((await paymentByToken(db, p.token))!, T0 + MIN).status).toBe("open");
    expect(withEffectiveStatus((await paymentByToken(db, p.token))!, T0 + 2 * HOUR).status).toBe("expired");
    expect(await paymentById(db, p.id)).toEqual(p);
    expect(await events(p.id)).toHaveLength(1);
  });

  it("a decision after the deadline expires the payment (once, with its event) and is refused as for an expired one", async () => {
    for (const actor of [SHOP, AGENT]) {
      const p = await newPayment({ expiresAt: T0 + HOUR });
      const r = await decidePayment(db, { paymentId: p.id, decision: "cancel", reason: "late", actor, now: T0 + 2 * HOUR });
      expect(r).toMatchObject({ ok: false, error: "conflict", status: "expired", message: "This payment has expired." });
      expect(await statusOf(p.id)).toBe("expired");
      expect((await events(p.id)).filter((e) => e.toStatus === "expired")).toHaveLength(1);
    }
    expect(await expireDuePayments(db, T0 + 3 * HOUR)).toBe(0);
  });

  it("expiry never touches a payment the customer already marked as paid", async () => {
    const p = await submittedPayment(await addMethod(), T0 + MIN, { expiresAt: T0 + HOUR });
    expect(await expireDuePayments(db, T0 + 2 * HOUR)).toBe(0);
    expect(withEffectiveStatus(p, T0 + 2 * HOUR).status).toBe("submitted");
    expect(await statusOf(p.id)).toBe("submitted");
  });

  it("expireDuePayments sweeps only overdue open payments, once each, in bounded batches", async () => {
    const m = await addMethod();
    const due: Payment[] = [];
    for (let i = 0; i < 5; i++) due.push(await newPayment({ expiresAt: T0 + HOUR + i }));
    const notYet = await newPayment({ expiresAt: T0 + 3 * HOUR });
    const paid = await submittedPayment(m, T0 + MIN, { expiresAt: T0 + HOUR });
    const approved = await submittedPayment(m, T0 + MIN, { expiresAt: T0 + HOUR });
    await decidePayment(db, { paymentId: approved.id, decision: "approve", actor: AGENT, now: T0 + 2 * MIN });
    const cancelled = await newPayment({ expiresAt: T0 + HOUR });
    await decidePayment(db, { paymentId: cancelled.id, decision: "cancel", actor: SHOP, now: T0 + 2 * MIN });
    const untouched = await Promise.all([notYet.id, paid.id, approved.id, cancelled.id].map((id) => paymentById(db, id)));

    const now = T0 + 2 * HOUR;
    expect(await expireDuePayments(db, now, 2)).toBe(2);
    expect(await expireDuePayments(db, now, 2)).toBe(2);
    expect(await expireDuePayments(db, now, 2)).toBe(1);
    expect(await expireDuePayments(db, now, 2)).toBe(0);

    for (const p of due) {
      expect(await paymentById(db, p.id)).toMatchObject({ status: "expired", version: p.version + 1 });
      const log = await events(p.id);
      expect(log.filter((e) => e.toStatus === "expired")).toHaveLength(1);
      expect(log[log.length - 1]).toMatchObject({ actorType: "system", fromStatus: "open", toStatus: "expired", createdAt: now });
    }
    expect(await Promise.all([notYet.id, paid.id, approved.id, cancelled.id].map((id) => paymentById(db, id)))).toEqual(untouched);
    expect((await db.select().from(paymentEvents).where(eq(paymentEvents.toStatus, "expired")))).toHaveLength(5);
  });
});

describe("pendingCount", () => {
  it("is the number of submitted payments through every kind of change, whatever wrote it", async () => {
    const m = await addMethod();
    const check = async (n: number) => {
      expect(await pendingCount(db)).toBe(n);
      expect(await countSubmitted(db)).toBe(n);
    };
    await check(0);
    const a = await submittedPayment(m, T0 + MIN);
    const b = await submittedPayment(m, T0 + MIN);
    const c = await submittedPayment(m, T0 + MIN);
    await newPayment();
    await check(3);
    await decidePayment(db, { paymentId: a.id, decision: "approve", actor: AGENT, now: T0 + HOUR });
    await decidePayment(db, { paymentId: b.id, decision: "cancel", reason: "No money", actor: AGENT, now: T0 + HOUR });
    // A decision that loses the race changes nothing, and neither does an update that leaves the status alone.
    await decidePayment(db, { paymentId: a.id, decision: "cancel", reason: "late", actor: AGENT, now: T0 + HOUR });
    await write(db, (w) => w.update(payments).set({ description: "Renamed" }).where(eq(payments.id, c.id)));
    await check(1);
    // Writes outside the app's functions (a script, a repair by hand) are counted too.
    await testSql(db, sql`UPDATE payments SET status = 'submitted' WHERE id = ${a.id}`);
    await check(2);
    await testSql(db, sql`DELETE FROM payment_events WHERE payment_id = ${c.id}`);
    await testSql(db, sql`DELETE FROM webhook_events WHERE payment_id = ${c.id}`);
    await testSql(db, sql`DELETE FROM payments WHERE id = ${c.id}`);
    await check(1);
  });
});

describe("pendingPayments", () => {
  it("lists submitted payments oldest-submitted first, and its cursor pages through each exactly once", async () => {
    const m = await addMethod({ name: "PayPal", kind: "e_wallet" });
    // Submission order differs from creation order, with ties on the submission time.
    const offsets = [5, 1, 3, 3, 3, 2, 4];
    const queued: Payment[] = [];
    for (const [i, o] of offsets.entries()) queued.push(await submittedPayment(m, T0 + o * MIN, { now: T0 + i * 1000, description: `Order ${i}` }));
    await newPayment({ description: "Still open" });
    const approved = await submittedPayment(m, T0, { description: "Already approved" });
    await decidePayment(db, { paymentId: approved.id, decision: "approve", actor: AGENT, now: T0 + MIN });

    const expected = [...queued].sort((a, b) => a.submittedAt! - b.submittedAt! || a.id - b.id).map((p) => p.id);
    expect(await pendingCount(db)).toBe(7);

    const pages: number[][] = [];
    let cursor: string | null = null;
    do {
      const page = await pendingPayments(db, { cursor: decodeCursor(cursor), limit: 3 });
      pages.push(page.rows.map((r) => r.id));
      for (const r of page.rows) expect(r.methodName).toBe("PayPal");
      cursor = page.next;
    } while (cursor && pages.length < 10);

    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(expected);

    // Exactly one page's worth: no "next" link leading to an empty page.
    expect((await pendingPayments(db, { limit: 7 })).next).toBeNull();
  });

  it("keeps paging correctly while agents approve payments from the page they are looking at", async () => {
    const m = await addMethod();
    const queued: Payment[] = [];
    for (let i = 0; i < 6; i++) queued.push(await submittedPayment(m, T0 + i * MIN));
    const first = await pendingPayments(db, { limit: 2 });
    expect(first.rows.map((r) => r.id)).toEqual([queued[0].id, queued[1].id]);
    for (const r of first.rows) await decidePayment(db, { paymentId: r.id, decision: "approve", actor: AGENT, now: T0 + HOUR });

    const second = await pendingPayments(db, { cursor: decodeCursor(first.next), limit: 2 });
    expect(second.rows.map((r) => r.id)).toEqual([queued[2].id, queued[3].id]);
    const third = await pendingPayments(db, { cursor: decodeCursor(second.next), limit: 2 });
    expect(third.rows.map((r) => r.id)).toEqual([queued[4].id, queued[5].id]);
    expect(third.next).toBeNull();
    expect(await pendingCount(db)).toBe(4);
  });

  it("treats a garbled cursor as the first page", async () => {
    const m = await addMethod();
    const p = await submittedPayment(m, T0 + MIN);
    expect(decodeCursor("not-a-cursor")).toBeNull();
    expect((await pendingPayments(db, { cursor: decodeCursor("not-a-cursor") })).rows.map((r) => r.id)).toEqual([p.id]);
  });
});

describe("listPayments", () => {
  async function setup() {
    const bank = await addMethod({ name: "Bank" });
    const wallet = await addMethod({ name: "Wallet", kind: "e_wallet" });
    // Nine payments, created in pairs at the same millisecond so paging must break ties by id.
    const all: Payment[] = [];
    for (let i = 0; i < 9; i++) {
      all.push(await newPayment({ now: T0 + Math.floor(i / 2) * MIN, orderId: `A-${100 + i}`, customerEmail: `Buyer${i % 3}@Example.com`, description: `Order ${i}` }));
    }
    const at = T0 + HOUR;
    // 1, 4: submitted via bank; 2: submitted via wallet; 5: chose wallet, then switched to bank; 7: cancelled.
    for (const i of [1, 4]) {
      await chooseMethod(db, all[i].id, bank, at);
      await submitPayment(db, { paymentId: all[i].id, transactionId: null, receipt: null, now: at });
    }
    await chooseMethod(db, all[2].id, wallet, at);
    await submitPayment(db, { paymentId: all[2].id, transactionId: null, receipt: null, now: at });
    await chooseMethod(db, all[5].id, wallet, at);
    await chooseMethod(db, all[5].id, bank, at);
    await decidePayment(db, { paymentId: all[7].id, decision: "cancel", actor: SHOP, now: at });
    return { bank, wallet, all };
  }

  async function ids(filter: ListFilter, limit = 50) {
    return (await listPayments(db, filter, { limit })).rows.map((r) => r.id);
  }

  async function allPages(filter: ListFilter, limit: number): Promise<number[][]> {
    const pages: number[][] = [];
    let cursor: string | null = null;
    do {
      const page = await listPayments(db, filter, { cursor: decodeCursor(cursor), limit });
      pages.push(page.rows.map((r) => r.id));
      cursor = page.next;
    } while (cursor && pages.length < 20);
    return pages;
  }

  it("pages newest first, ties by id, with no duplicates or gaps", async () => {
    const { all } = await setup();
    const expected = [...all].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id).map((p) => p.id);
    const pages = await allPages({}, 3);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 3]);
    expect(pages.flat()).toEqual(expected);
    // Newest first really means the last-created payment comes first.
    expect(pages[0][0]).toBe(all[8].id);
  });

  it("filters by status and by the method the customer chose", async () => {
    const { bank, wallet, all } = await setup();
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    expect(sorted(await ids({ status: "submitted" }))).toEqual([all[1].id, all[2].id, all[4].id]);
    expect(await ids({ status: "cancelled" })).toEqual([all[7].id]);
    expect(sorted(await ids({ status: "open" }))).toEqual([0, 3, 5, 6, 8].map((i) => all[i].id));
    expect(await ids({ status: "approved" })).toEqual([]);
    expect(sorted(await ids({ methodId: bank }))).toEqual([all[1].id, all[4].id, all[5].id]);
    expect(await ids({ methodId: wallet })).toEqual([all[2].id]);
    expect(await ids({ methodId: bank, status: "open" })).toEqual([all[5].id]);

    const pages = await allPages({ status: "open" }, 2);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual([8, 6, 5, 3, 0].map((i) => all[i].id));
  });

  it("finds a payment by its reference however the payer or the bank statement wrote it", async () => {
    const { all } = await setup();
    const target = all[3];
    const ref = target.reference;
    for (const q of [ref, ref.toLowerCase(), formatReference(ref), formatReference(ref).toLowerCase(), `  ${formatReference(ref).toLowerCase()} `, `${ref.slice(0, 4)} ${ref.slice(4)}`]) {
      expect(await ids({ q }), q).toEqual([target.id]);
    }
    // A typo in one symbol is caught by the check symbol: no match, rather than someone else's payment.
    const typoChar = REFERENCE_ALPHABET[(REFERENCE_ALPHABET.indexOf(ref[2]) + 1) % REFERENCE_ALPHABET.length];
    const typo = ref.slice(0, 2) + typoChar + ref.slice(3);
    expect(await ids({ q: typo })).toEqual([]);
  });

  it("finds payments by order id and by customer email in any letter case", async () => {
    const { all } = await setup();
    expect(await ids({ q: "A-104" })).toEqual([all[4].id]);
    expect(await ids({ q: " A-104 " })).toEqual([all[4].id]);
    const buyer1 = [7, 4, 1].map((i) => all[i].id);
    expect(await ids({ q: "buyer1@example.com" })).toEqual(buyer1);
    expect(await ids({ q: "BUYER1@EXAMPLE.COM" })).toEqual(buyer1);
    expect(await ids({ q: "Buyer1@Example.com", status: "submitted" })).toEqual([all[4].id, all[1].id]);
    expect(await ids({ q: "nobody@example.com" })).toEqual([]);
    expect(await ids({ q: "A-999" })).toEqual([]);
    // An empty search box means no filter.
    expect(await ids({ q: "   " })).toHaveLength(9);
  });
});

describe("method snapshot", () => {
  it("a payment keeps showing the method as the customer saw it, even after the merchant edits the method", async () => {
    const m = await addMethod({ name: "SEPA transfer", details: [{ label: "IBAN", value: "DE11 1111" }], instructions: "Old instructions", requiresTransactionId: true, receipt: "required" });
    const paid = await submittedPayment(m, T0 + MIN);
    const stillOpen = await newPayment();
    expect(await chooseMethod(db, stillOpen.id, m, T0 + MIN)).toEqual({ ok: true });

    await write(db, (w) =>
      w
        .update(paymentMethods)
        .set({ name: "Bank transfer (new bank)", details: [{ label: "IBAN", value: "DE22 2222" }], instructions: "New instructions", receipt: "off", updatedAt: T0 + HOUR })
        .where(eq(paymentMethods.id, m)),
    );

    const snapshot = { id: m, name: "SEPA transfer", kind: "bank_transfer", details: [{ label: "IBAN", value: "DE11 1111" }], instructions: "Old instructions", requiresTransactionId: true, receipt: "required", qrStandard: null, qrFields: {} };
    expect((await paymentById(db, paid.id))!.methodSnapshot).toEqual(snapshot);
    expect((await paymentById(db, stillOpen.id))!.methodSnapshot).toEqual(snapshot);
    expect((await pendingPayments(db)).rows.find((r) => r.id === paid.id)!.methodName).toBe("SEPA transfer");
    expect((await listPayments(db, {})).rows.find((r) => r.id === paid.id)!.methodName).toBe("SEPA transfer");

    // Choosing again while still open picks up the current details.
    expect(await chooseMethod(db, stillOpen.id, m, T0 + 2 * HOUR)).toEqual({ ok: true });
    expect((await paymentById(db, stillOpen.id))!.methodSnapshot).toMatchObject({ name: "Bank transfer (new bank)", details: [{ label: "IBAN", value: "DE22 2222" }], receipt: "off" });
  });
});
