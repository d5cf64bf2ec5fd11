// The e-mail outbox on a real (throw-away) SQLite file: mail is written with the change that causes it and only once,
// two senders never claim the same message, and each attempt's outcome moves it on (sent, retried, failed for good).
// The sender is tried against a real SMTP server on loopback (e2e/smtp-sink.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { write, type Db } from "./connection";
import { openTestDb, type TestDb } from "./test-db";
import { chooseMethod, createPayment, decidePayment, submitPayment, type Actor } from "./payments";
import { claimDueEmails, emailLog, emailsOfPayment, recordEmailAttempt, recordTestEmail, resendEmail, setPendingMail } from "./email-outbox";
import { writeDueDigests, writeDueReminders } from "./email-schedule";
import { emailOutbox, paymentMethods, payments, users } from "./tables";
import { saveBusinessProfile } from "./users";
import { addRequestComment, createRequest } from "./requests";
import { createEndpoint, claimDueDeliveries, recordAttempt } from "./webhooks";
import { enqueuePaymentEvent } from "./webhook-outbox";
import { nextStep, MAX_ATTEMPTS } from "@/lib/email/retry";
import { readMailSetup } from "@/lib/email/config";
import { startSmtpSink, type SmtpSink } from "@/e2e/smtp-sink";
import { createMailTransport } from "@/server/mail-transport";
import { createEmailWork, sendClaimed } from "@/server/email-sender";

const T0 = Date.UTC(2026, 10, 1, 9, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const AGENT: Actor = { type: "user", id: "1" };

let testDb: TestDb;
let db: Db;
const savedEnv = { SMTP_URL: process.env.SMTP_URL, MAIL_FROM: process.env.MAIL_FROM };

beforeEach(async () => {
  testDb = await openTestDb("email");
  db = testDb.db;
  process.env.SMTP_URL = "smtp://127.0.0.1:1?starttls=off";
  process.env.MAIL_FROM = "Shop <billing@shop.example>";
});

afterEach(async () => {
  await testDb.close();
  process.env.SMTP_URL = savedEnv.SMTP_URL;
  process.env.MAIL_FROM = savedEnv.MAIL_FROM;
  if (savedEnv.SMTP_URL === undefined) delete process.env.SMTP_URL;
  if (savedEnv.MAIL_FROM === undefined) delete process.env.MAIL_FROM;
});

async function addUser(name: string, role: "agent" | "admin", pendingMail: "each" | "digest" | "none" = "none", lastDigestAt: number | null = null) {
  const [u] = await write(db, (w) =>
    w.insert(users).values({ email: `${name}@shop.example`, name, passwordHash: "x", role, createdAt: T0, pendingMail, digestMinutes: 15, lastDigestAt }).returning(),
  );
  return u.id;
}

async function addMethod() {
  const [m] = await write(db, (w) =>
    w.insert(paymentMethods).values({ name: "Bank transfer", kind: "bank_transfer", currencies: [], details: [], createdAt: T0, updatedAt: T0 }).returning(),
  );
  return m.id;
}

async function newPayment(over: { email?: string | null; notify?: boolean; expiresAt?: number; now?: number } = {}) {
  return createPayment(db, {
    amount: 4200,
    currency: "EUR",
    description: "Order 42",
    customerName: "Anna",
    customerEmail: over.email === undefined ? "Anna@Example.test" : over.email,
    expiresAt: over.expiresAt ?? T0 + 72 * HOUR,
    notifyCustomer: over.notify ?? true,
    actor: AGENT,
    now: over.now ?? T0,
  });
}

async function kinds(paymentId: number) {
  return (await emailsOfPayment(db, paymentId)).map((e) => `${e.kind}→${e.toAddress}`);
}

describe("writing mail with the change", () => {
  it("writes the payer's link, confirmation and approval once each, to the payer's address, in the page's language", async () => {
    await addUser("ann", "agent", "each");
    await addUser("bob", "agent", "none");
    const p = await newPayment();
    const method = await addMethod();
    await chooseMethod(db, p.id, method, T0 + MIN, "ru");
    expect((await submitPayment(db, { paymentId: p.id, transactionId: "TX-1", receipt: null, now: T0 + 2 * MIN })).ok).toBe(true);
    // A second press changes nothing and writes nothing.
    expect((await submitPayment(db, { paymentId: p.id, transactionId: "TX-1", receipt: null, now: T0 + 3 * MIN })).ok).toBe(false);
    expect((await decidePayment(db, { paymentId: p.id, decision: "approve", actor: AGENT, now: T0 + 4 * MIN })).ok).toBe(true);
    expect(await kinds(p.id)).toEqual([
      "payment_link→anna@example.test",
      "confirmation_received→anna@example.test",
      "pending_one→ann@shop.example",
      "approved→anna@example.test",
    ]);
    const rows = await db.select().from(emailOutbox).where(eq(emailOutbox.paymentId, p.id));
    // The link went out before the payer chose a language: the business's default. Later mail follows the page.
    expect(rows.map((r) => r.locale)).toEqual(["en", "ru", "en", "ru"]);
  });

  it("carries the agent's reason in the cancellation, and writes no link unless asked", async () => {
    const p = await newPayment({ notify: false });
    await decidePayment(db, { paymentId: p.id, decision: "cancel", reason: "Out of stock", actor: AGENT, now: T0 + MIN });
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.paymentId, p.id));
    expect(row.kind).toBe("cancelled");
    expect(JSON.stringify(row.mail)).toContain("Out of stock");
    expect(await kinds(p.id)).toEqual(["cancelled→anna@example.test"]);
  });

  it("writes nothing without a customer e-mail, and nothing at all while e-mail is off", async () => {
    const p = await newPayment({ email: null });
    await decidePayment(db, { paymentId: p.id, decision: "cancel", actor: AGENT, now: T0 + MIN });
    delete process.env.SMTP_URL;
    const q = await newPayment();
    await decidePayment(db, { paymentId: q.id, decision: "cancel", actor: AGENT, now: T0 + MIN });
    expect(await emailLog(db)).toEqual([]);
  });

  it("writes the payer's mail in the business's default language when they never used the page", async () => {
    await saveBusinessProfile(db, { name: "Лавка", supportContact: "", defaultCurrency: "RUB", defaultHoursOpen: 72, defaultLocale: "ru" });
    const p = await newPayment();
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.paymentId, p.id));
    expect(row.locale).toBe("ru");
  });
});

describe("a broken SMTP_URL", () => {
  it("never fails a payment action: the mail is written and waits, untried, until the setting is fixed", async () => {
    process.env.SMTP_URL = "smtp://user@mail.example"; // a user without a password
    const p = await newPayment();
    expect(p.status).toBe("open");
    expect(await createEmailWork({ db: () => db }).run()).toBe(0);
    expect((await emailLog(db)).map((m) => [m.kind, m.status, m.attempts])).toEqual([["payment_link", "pending", 0]]);
  });
});

describe("the test e-mail", () => {
  it("is in the log with the server's answer, or with what is wrong with the setting", async () => {
    const id = await addUser("boss", "admin");
    await recordTestEmail(db, { userId: id, to: "boss@shop.example", locale: "en", result: { ok: false, code: null, response: "SMTP_URL is invalid: give both a user name and a password." }, now: T0 });
    const [row] = await emailLog(db);
    expect(row).toMatchObject({ kind: "test", status: "failed", attempts: 1, toAddress: "boss@shop.example", lastResponse: "SMTP_URL is invalid: give both a user name and a password." });
    expect(await resendEmail(db, row.id, T0 + MIN)).toBe(true);
  });
});

describe("claiming and sending", () => {
  it("gives each due message to one claimant only, until its lease runs out", async () => {
    await newPayment();
    await newPayment();
    const [a, b] = await Promise.all([claimDueEmails(db, T0, { limit: 10 }), claimDueEmails(db, T0, { limit: 10 })]);
    expect(a.length + b.length).toBe(2);
    expect(new Set([...a, ...b].map((m) => m.id)).size).toBe(2);
    expect(await claimDueEmails(db, T0 + MIN, { leaseMs: 2 * MIN })).toEqual([]);
    // The claimant died: after the lease another takes them, and the first can no longer record an outcome.
    const again = await claimDueEmails(db, T0 + 10 * MIN);
    expect(again).toHaveLength(2);
    const stale = [...a, ...b][0];
    const sent = { ok: true as const, code: 250, response: "250 OK", messageId: "x" };
    expect(await recordEmailAttempt(db, { id: stale.id, claimToken: stale.claimToken, result: sent, next: { state: "sent" }, now: T0 + 11 * MIN })).toBe(false);
    const fresh = again.find((m) => m.id === stale.id)!;
    expect(await recordEmailAttempt(db, { id: fresh.id, claimToken: fresh.claimToken, result: sent, next: { state: "sent" }, now: T0 + 11 * MIN })).toBe(true);
  });

  it("retries 'try later' with backoff, fails a refusal for good, and Resend starts it afresh", async () => {
    await newPayment();
    const [m] = await claimDueEmails(db, T0);
    const later = { ok: false as const, code: 451, response: "451 4.7.1 Try again later", errorCode: "EENVELOPE" };
    await recordEmailAttempt(db, { id: m.id, claimToken: m.claimToken, result: later, next: nextStep({ result: later, attempts: 1, now: T0 }), now: T0 });
    let [row] = await emailLog(db);
    expect(row).toMatchObject({ status: "pending", attempts: 1, nextAttemptAt: T0 + MIN, lastCode: 451, lastResponse: "451 4.7.1 Try again later" });
    expect(await claimDueEmails(db, T0 + MIN - 1)).toEqual([]);
    const [m2] = await claimDueEmails(db, T0 + MIN);
    const refused = { ok: false as const, code: 550, response: "550 5.1.1 No such user here", errorCode: "EENVELOPE" };
    await recordEmailAttempt(db, { id: m2.id, claimToken: m2.claimToken, result: refused, next: nextStep({ result: refused, attempts: 2, now: T0 + MIN }), now: T0 + MIN });
    [row] = await emailLog(db);
    expect(row).toMatchObject({ status: "failed", attempts: 2, nextAttemptAt: null, lastCode: 550 });
    expect(await claimDueEmails(db, T0 + 100 * HOUR)).toEqual([]);
    expect(await resendEmail(db, m.id, T0 + 2 * HOUR)).toBe(true);
    expect(await claimDueEmails(db, T0 + 2 * HOUR)).toHaveLength(1);
  });

  it("fails a message that keeps getting 'try later' after the last attempt", () => {
    const later = { ok: false as const, code: 421, response: "421 busy", errorCode: null };
    expect(nextStep({ result: later, attempts: MAX_ATTEMPTS, now: T0 })).toEqual({ state: "failed", reason: "exhausted" });
  });
});

describe("sending through a real SMTP server", () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.close();
  });

  it("sends the claimed payer mail with a stable Message-ID and records it sent; a 550 is recorded failed", async () => {
    const setup = readMailSetup({ SMTP_URL: sink.url, MAIL_FROM: "Shop <billing@shop.example>" });
    if (setup.state !== "on") throw new Error(JSON.stringify(setup));
    sink.answer("bounce@example.test", { code: 550 });
    const good = await newPayment();
    await newPayment({ email: "bounce@example.test" });
    const transport = createMailTransport(setup.config);
    const business = { name: "Shop", supportContact: "help@shop.example", timeZone: null, defaultLocale: "en" as const };
    for (const m of await claimDueEmails(db, Date.now())) await sendClaimed(db, m, setup.config, transport, business, 1);
    transport.close();
    const mail = await sink.waitFor((m) => m.to.includes("anna@example.test"));
    expect(mail.text).toContain(`/pay/${good.token}`);
    expect(mail.messageId).toMatch(/^<dp-outbox-\d+@shop\.example>$/);
    expect(mail.headers.get("reply-to")).toBeTruthy();
    const log = await emailLog(db);
    expect(log.map((r) => [r.toAddress, r.status])).toEqual([
      ["bounce@example.test", "failed"],
      ["anna@example.test", "sent"],
    ]);
    expect(log[0].lastResponse).toContain("No such user");
  });
});

describe("two senders at once", () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.close();
  });

  it("send every due message exactly once between them", async () => {
    process.env.SMTP_URL = sink.url;
    for (let i = 0; i < 6; i++) await newPayment({ email: `p${i}@example.test` });
    const [a, b] = await Promise.all([createEmailWork({ db: () => db }).run(), createEmailWork({ db: () => db }).run()]);
    expect(a + b).toBe(6);
    expect(sink.messages.map((m) => m.envelopeTo[0]).sort()).toEqual([0, 1, 2, 3, 4, 5].map((i) => `p${i}@example.test`));
    expect((await emailLog(db)).every((m) => m.status === "sent" && m.attempts === 1)).toBe(true);
  });
});

describe("scheduled mail", () => {
  it("writes one digest per interval when payments arrived since the last, and none without news", async () => {
    const id = await addUser("dee", "agent", "digest", T0);
    const method = await addMethod();
    const p = await newPayment({ email: null });
    await chooseMethod(db, p.id, method, T0 + MIN);
    await submitPayment(db, { paymentId: p.id, transactionId: null, receipt: null, now: T0 + 2 * MIN });
    expect(await writeDueDigests(db, T0 + 10 * MIN)).toBe(0); // the 15-minute interval has not passed
    const [a, b] = await Promise.all([writeDueDigests(db, T0 + 16 * MIN), writeDueDigests(db, T0 + 16 * MIN)]);
    expect(a + b).toBe(1);
    expect(await writeDueDigests(db, T0 + 40 * MIN)).toBe(0); // still waiting, but nothing new: no mail
    const digests = await db.select().from(emailOutbox).where(eq(emailOutbox.userId, id));
    expect(digests.map((d) => d.kind)).toEqual(["pending_digest"]);
    expect(JSON.stringify(digests[0].mail)).toContain(p.reference);
  });

  it("starts the digest's clock when it is chosen, not when the interval is changed", async () => {
    const id = await addUser("dee", "agent");
    await setPendingMail(db, id, "digest", 60, T0);
    await setPendingMail(db, id, "digest", 15, T0 + HOUR);
    const [u] = await db.select().from(users).where(eq(users.id, id));
    expect(u).toMatchObject({ pendingMail: "digest", digestMinutes: 15, lastDigestAt: T0 });
  });

  it("reminds a payer once before expiry when the business asks for it, not otherwise", async () => {
    const p = await newPayment({ notify: false, expiresAt: T0 + 48 * HOUR });
    expect(await writeDueReminders(db, T0 + 30 * HOUR)).toBe(0); // off by default
    await saveBusinessProfile(db, { name: "Shop", supportContact: "", defaultCurrency: "EUR", defaultHoursOpen: 72, reminderHoursBefore: 12 });
    expect(await writeDueReminders(db, T0 + 30 * HOUR)).toBe(0); // 18 hours left
    expect(await writeDueReminders(db, T0 + 37 * HOUR)).toBe(1);
    expect(await writeDueReminders(db, T0 + 38 * HOUR)).toBe(0);
    expect(await kinds(p.id)).toEqual(["expiry_reminder→anna@example.test"]);
  });

  it("a reminder of a payment part of which a bank statement showed arrive carries what is left to pay", async () => {
    const p = await newPayment({ notify: false, expiresAt: T0 + 48 * HOUR });
    await write(db, (tx) => tx.update(payments).set({ amountReceived: p.amount - 250 }).where(eq(payments.id, p.id)));
    await saveBusinessProfile(db, { name: "Shop", supportContact: "", defaultCurrency: "EUR", defaultHoursOpen: 72, reminderHoursBefore: 12 });
    expect(await writeDueReminders(db, T0 + 37 * HOUR)).toBe(1);
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.paymentId, p.id));
    expect(row.mail).toMatchObject({ audience: "payer", mail: { kind: "expiry_reminder", payment: { amountStillDue: 250 } } });
  });
});

describe("admin mail", () => {
  it("tells the admins of a new request, and a thread's comment to the requester and the admins who answered", async () => {
    const agent = await addUser("ann", "agent");
    const boss = await addUser("boss", "admin");
    const other = await addUser("olga", "admin");
    const r = await createRequest(db, { id: agent, role: "agent" }, { paymentSystem: "Wise", website: null, countries: "DE", currencies: ["EUR"], howCustomersPay: "", accountDetails: "", comment: "" }, T0);
    await addRequestComment(db, { requestId: r.id, author: { id: boss, role: "admin" }, body: "Which account?", now: T0 + MIN });
    await addRequestComment(db, { requestId: r.id, author: { id: agent, role: "agent" }, body: "The EUR one", now: T0 + 2 * MIN });
    const rows = await db.select().from(emailOutbox);
    expect(rows.map((m) => [m.kind, m.userId])).toEqual([
      ["connection_request", boss],
      ["connection_request", other],
      ["request_comment", agent],
      ["request_comment", boss],
    ]);
    expect(JSON.stringify(rows[3].mail)).toContain("The EUR one");
  });

  it("tells the admins once when an endpoint is disabled after failures", async () => {
    const boss = await addUser("boss", "admin");
    const e = await createEndpoint(db, { url: "https://shop.example/hook", events: ["payment.cancelled"] }, T0);
    const p = await newPayment({ email: null });
    await write(db, (tx) => enqueuePaymentEvent(tx, "payment.cancelled", p.id, T0));
    const [d] = await claimDueDeliveries(db, T0);
    await recordAttempt(db, { deliveryId: d.id, endpointId: e.id, attemptedAt: T0 + MIN, statusCode: 410, durationMs: 3, responseExcerpt: null, error: null, outcome: { kind: "give_up", reason: "gone" } });
    const rows = await db.select().from(emailOutbox);
    expect(rows.map((m) => [m.kind, m.userId])).toEqual([["webhook_disabled", boss]]);
    expect(JSON.stringify(rows[0].mail)).toContain("HTTP 410");
  });
});
