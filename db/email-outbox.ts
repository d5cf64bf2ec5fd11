// The e-mail outbox: a message is a row written inside the transaction of the change that causes it (once per payment
// and kind, by its dedupe key), claimed by the sending job (server/email-sender.ts) with a lease, and moved on by each
// attempt's outcome: sent, tried again later, or failed for good. Nothing is written while e-mail is off (no SMTP_URL).
import crypto from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { writeTransaction, type Db, type Tx } from "./connection";
import { businessProfile, emailOutbox, requestComments, users, type EmailOutboxRow, type Payment } from "./tables";
import { mailIsConfigured } from "@/lib/email/config";
import type { NextStep, SendResult } from "@/lib/email/retry";
import { responseForLog } from "@/lib/email/retry";
import type { AddressedMail, PayerMail, PayerPayment, StaffMail, StaffPayment } from "@/lib/email/templates";
import type { EmailKind, PendingMailChoice } from "@/lib/email/outbox-states";
import { isLocale, type Locale } from "@/lib/i18n";
import { amountStillDue, refundDue } from "@/lib/payment-status";

export type NewEmail = {
  dedupeKey: string;
  paymentId?: number | null;
  userId?: number | null;
  to: { address: string; name?: string | null };
  locale: Locale;
  mail: AddressedMail;
};

/**
 * Writes one message, inside the caller's transaction, unless one with the same dedupe key exists already (then
 * nothing). Returns whether it wrote it. While e-mail is off nothing is written: turning it on later must not send a
 * backlog of stale mail.
 */
export async function enqueueEmail(tx: Tx, m: NewEmail, now: number): Promise<boolean> {
  if (!mailIsConfigured()) return false;
  const inserted = await tx
    .insert(emailOutbox)
    .values({
      dedupeKey: m.dedupeKey,
      kind: m.mail.mail.kind as EmailKind,
      paymentId: m.paymentId ?? null,
      userId: m.userId ?? null,
      toAddress: m.to.address,
      toName: m.to.name?.trim() || null,
      locale: m.locale,
      mail: m.mail,
      status: "pending",
      nextAttemptAt: now,
      createdAt: now,
    })
    .onConflictDoNothing({ target: emailOutbox.dedupeKey })
    .returning({ id: emailOutbox.id });
  return inserted.length === 1;
}

// ---- Payer mail ----

async function businessDefaultLocale(tx: Tx): Promise<Locale> {
  const [row] = await tx.select({ locale: businessProfile.defaultLocale }).from(businessProfile).where(eq(businessProfile.id, 1));
  return isLocale(row?.locale) ? row.locale : "en";
}

function payerPayment(p: Payment): PayerPayment {
  return {
    reference: p.reference,
    token: p.token,
    amount: p.amount,
    currency: p.currency,
    description: p.description,
    customerName: p.customerName,
    expiresAt: p.expiresAt,
    amountStillDue: amountStillDue(p),
    refundDue: refundDue(p),
  };
}

/** The receipt as payer mail names it: we keep no original file name, so its type. */
function receiptLabel(p: Payment): string | null {
  if (!p.receiptFile) return null;
  const ext = /\.([a-z0-9]+)$/i.exec(p.receiptFile)?.[1] ?? p.receiptMime?.split("/")[1] ?? "file";
  return `receipt.${ext.toLowerCase()}`;
}

type PayerMailOf<K extends PayerMail["kind"]> = Extract<PayerMail, { kind: K }>;

/** What each kind of payer mail needs besides the payment, from the row as the change left it. */
function payerMailFor(kind: PayerMail["kind"], p: Payment): PayerMail {
  const payment = payerPayment(p);
  switch (kind) {
    case "payment_link":
      return { kind, payment } satisfies PayerMailOf<"payment_link">;
    case "confirmation_received":
      return {
        kind,
        payment,
        submission: {
          method: p.methodSnapshot?.name ?? "",
          transactionId: p.transactionId,
          receiptFileName: receiptLabel(p),
          submittedAt: p.submittedAt ?? p.updatedAt,
        },
      };
    case "approved":
      return { kind, payment, approvedAt: p.decidedAt ?? p.updatedAt };
    case "cancelled":
      return { kind, payment, reason: p.decisionReason };
    case "expiry_reminder":
      return { kind, payment };
    case "underpaid":
      return { kind, payment, receivedAmount: p.amountReceived };
    case "refunded":
      return { kind, payment, refundedAmount: p.amountRefunded };
  }
}

/**
 * Mail to the payer about their payment, inside the change's transaction, in the language they used on the page (else
 * the business's default); once per payment and kind (a refund: once per amount sent back so far). Nothing when the
 * payment has no customer e-mail.
 */
export async function enqueuePayerMail(tx: Tx, kind: Parameters<typeof payerMailFor>[0], p: Payment, now: number): Promise<boolean> {
  // (Before the locale: with e-mail off, nothing to read either.)
  if (!p.customerEmail || !mailIsConfigured()) return false;
  const locale = isLocale(p.payerLocale) ? p.payerLocale : await businessDefaultLocale(tx);
  return enqueueEmail(
    tx,
    {
      dedupeKey: `payment:${p.id}:${kind}${kind === "refunded" ? `:${p.amountRefunded}` : ""}`,
      paymentId: p.id,
      to: { address: p.customerEmail, name: p.customerName },
      locale,
      mail: { audience: "payer", mail: payerMailFor(kind, p) },
    },
    now,
  );
}

// ---- Staff mail ----

export function staffPayment(p: Payment): StaffPayment {
  return {
    id: p.id,
    reference: p.reference,
    amount: p.amount,
    currency: p.currency,
    description: p.description,
    customerName: p.customerName,
    method: p.methodSnapshot?.name ?? null,
    transactionId: p.transactionId,
    submittedAt: p.submittedAt ?? p.updatedAt,
  };
}

type Recipient = { id: number; email: string; name: string };

async function staffMailTo(tx: Tx, recipients: readonly Recipient[], key: (r: Recipient) => string, mail: StaffMail, now: number, paymentId: number | null = null): Promise<number> {
  if (recipients.length === 0 || !mailIsConfigured()) return 0;
  const locale = await businessDefaultLocale(tx);
  let n = 0;
  for (const r of recipients) {
    if (await enqueueEmail(tx, { dedupeKey: key(r), paymentId, userId: r.id, to: { address: r.email, name: r.name }, locale, mail: { audience: "staff", mail } }, now)) n++;
  }
  return n;
}

/** A payment is waiting for approval: mail to every active staff member who chose "each one". */
export async function enqueuePendingMail(tx: Tx, p: Payment, now: number): Promise<number> {
  if (!mailIsConfigured()) return 0;
  const recipients = await tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(and(eq(users.active, true), eq(users.pendingMail, "each")));
  return staffMailTo(tx, recipients, (r) => `payment:${p.id}:pending_one:user:${r.id}`, { kind: "pending_one", payment: staffPayment(p) }, now, p.id);
}

/** The active admins, but `except` (who caused the mail: nobody needs mail about what they did themselves). */
export async function activeAdmins(tx: Tx, except: number | null = null): Promise<Recipient[]> {
  const rows = await tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(and(eq(users.active, true), eq(users.role, "admin")))
    .orderBy(asc(users.id));
  return rows.filter((r) => r.id !== except);
}

/** Mail to `recipients` (staff rows), each once per `dedupe` prefix. */
export async function enqueueStaffMail(tx: Tx, recipients: readonly Recipient[], dedupe: string, mail: StaffMail, now: number): Promise<number> {
  return staffMailTo(tx, recipients, (r) => `${dedupe}:user:${r.id}`, mail, now);
}

// ---- Sending ----

export type ClaimedEmail = EmailOutboxRow & { claimToken: string };

/**
 * Claims up to `limit` due messages for `leaseMs`: each with a conditional UPDATE that only succeeds while the row is
 * pending and unclaimed (or its lease ran out), and a token of this claim. Two senders, in one process or many, on
 * SQLite or PostgreSQL, never both win a row; a sender that died leaves its rows to be claimed again after the lease.
 */
export async function claimDueEmails(db: Db, now: number, { limit = 10, leaseMs = 120_000 }: { limit?: number; leaseMs?: number } = {}): Promise<ClaimedEmail[]> {
  if (limit <= 0) return [];
  const free = or(isNull(emailOutbox.lockedUntil), lte(emailOutbox.lockedUntil, now));
  const due = and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, now), free);
  // A plain read first: usually nothing is due, and then no write lock is taken.
  const candidates = await db.select({ id: emailOutbox.id }).from(emailOutbox).where(due).orderBy(asc(emailOutbox.nextAttemptAt), asc(emailOutbox.id)).limit(limit);
  if (candidates.length === 0) return [];
  const claimToken = crypto.randomBytes(12).toString("base64url");
  return writeTransaction(db, async (tx) => {
    const claimed = await tx
      .update(emailOutbox)
      .set({ lockedUntil: now + leaseMs, claimToken })
      .where(and(inArray(emailOutbox.id, candidates.map((c) => c.id)), due))
      .returning();
    return claimed.sort((a, b) => a.id - b.id) as ClaimedEmail[];
  });
}

/**
 * Records one attempt of a claimed message and moves it on. Only the holder of the claim can: if the lease ran out
 * and another sender claimed the row meanwhile, this changes nothing and returns false.
 */
export async function recordEmailAttempt(
  db: Db,
  input: { id: number; claimToken: string; result: SendResult | { ok: false; code: null; response: string; errorCode: null }; next: NextStep; now: number },
): Promise<boolean> {
  const { next, now } = input;
  const changed = await writeTransaction(db, (tx) =>
    tx
      .update(emailOutbox)
      .set({
        status: next.state === "retry" ? "pending" : next.state,
        attempts: sql`${emailOutbox.attempts} + 1`,
        nextAttemptAt: next.state === "retry" ? next.at : null,
        lockedUntil: null,
        claimToken: null,
        lastAttemptAt: now,
        lastResponse: responseForLog(input.result.response),
        lastCode: input.result.code,
        sentAt: next.state === "sent" ? now : null,
      })
      .where(and(eq(emailOutbox.id, input.id), eq(emailOutbox.claimToken, input.claimToken), eq(emailOutbox.status, "pending")))
      .returning({ id: emailOutbox.id }),
  );
  return changed.length === 1;
}

/** Gives back claims this process will not finish (it is shutting down), so another sender need not wait the lease. */
export async function releaseEmailClaims(db: Db, claims: readonly { id: number; claimToken: string }[]): Promise<number> {
  let released = 0;
  if (claims.length === 0) return 0;
  await writeTransaction(db, async (tx) => {
    for (const c of claims) {
      const rows = await tx
        .update(emailOutbox)
        .set({ lockedUntil: null, claimToken: null })
        .where(and(eq(emailOutbox.id, c.id), eq(emailOutbox.claimToken, c.claimToken), eq(emailOutbox.status, "pending")))
        .returning({ id: emailOutbox.id });
      released += rows.length;
    }
  });
  return released;
}

/** Settings → E-mail's Resend: a sent or failed message goes out again as soon as the job runs, with fresh attempts. */
export async function resendEmail(db: Db, id: number, now = Date.now()): Promise<boolean> {
  const changed = await writeTransaction(db, (tx) =>
    tx
      .update(emailOutbox)
      .set({ status: "pending", attempts: 0, nextAttemptAt: now, lockedUntil: null, claimToken: null, sentAt: null })
      .where(and(eq(emailOutbox.id, id), inArray(emailOutbox.status, ["sent", "failed"])))
      .returning({ id: emailOutbox.id }),
  );
  return changed.length === 1;
}

// ---- What Settings → E-mail and a payment's timeline show ----

export type EmailLogRow = Pick<
  EmailOutboxRow,
  "id" | "kind" | "paymentId" | "toAddress" | "status" | "attempts" | "nextAttemptAt" | "lastAttemptAt" | "lastResponse" | "lastCode" | "createdAt" | "sentAt"
>;

const logColumns = {
  id: emailOutbox.id,
  kind: emailOutbox.kind,
  paymentId: emailOutbox.paymentId,
  toAddress: emailOutbox.toAddress,
  status: emailOutbox.status,
  attempts: emailOutbox.attempts,
  nextAttemptAt: emailOutbox.nextAttemptAt,
  lastAttemptAt: emailOutbox.lastAttemptAt,
  lastResponse: emailOutbox.lastResponse,
  lastCode: emailOutbox.lastCode,
  createdAt: emailOutbox.createdAt,
  sentAt: emailOutbox.sentAt,
};

/** The newest messages first. */
export async function emailLog(db: Db, limit = 100): Promise<EmailLogRow[]> {
  return db.select(logColumns).from(emailOutbox).orderBy(desc(emailOutbox.id)).limit(limit);
}

/** The mail about one payment, oldest first (payer mail and staff mail alike), for its timeline. */
export async function emailsOfPayment(db: Db, paymentId: number): Promise<EmailLogRow[]> {
  return db.select(logColumns).from(emailOutbox).where(eq(emailOutbox.paymentId, paymentId)).orderBy(asc(emailOutbox.id));
}

// ---- Admin mail: connection requests, their threads, disabled webhook endpoints ----

async function userName(tx: Tx, id: number): Promise<string> {
  const [u] = await tx.select({ name: users.name }).from(users).where(eq(users.id, id));
  return u?.name ?? "?";
}

/** A new connection request: mail to every active admin but the one who filed it. */
export async function enqueueNewRequestMail(tx: Tx, r: { id: number; paymentSystem: string; countries: string; requesterUserId: number }, now: number): Promise<number> {
  if (!mailIsConfigured()) return 0;
  const mail: StaffMail = {
    kind: "connection_request",
    request: { id: r.id, paymentSystem: r.paymentSystem, countries: r.countries },
    requesterName: await userName(tx, r.requesterUserId),
  };
  return enqueueStaffMail(tx, await activeAdmins(tx, r.requesterUserId), `request:${r.id}:new`, mail, now);
}

/**
 * A comment in a request's thread: mail to whoever filed the request and whoever wrote in its thread before (the
 * admins who answer it), if still active, but not to its author.
 */
export async function enqueueCommentMail(
  tx: Tx,
  r: { id: number; paymentSystem: string; requesterUserId: number },
  comment: { id: number; authorUserId: number; body: string },
  now: number,
): Promise<number> {
  if (!mailIsConfigured()) return 0;
  const writers = await tx.selectDistinct({ id: requestComments.authorUserId }).from(requestComments).where(eq(requestComments.requestId, r.id));
  const ids = [...new Set([r.requesterUserId, ...writers.map((w) => w.id)])].filter((id) => id !== comment.authorUserId);
  if (ids.length === 0) return 0;
  const recipients = await tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.active, true)))
    .orderBy(asc(users.id));
  const mail: StaffMail = { kind: "request_comment", request: { id: r.id, paymentSystem: r.paymentSystem }, authorName: await userName(tx, comment.authorUserId), comment: comment.body };
  return enqueueStaffMail(tx, recipients, `request-comment:${comment.id}`, mail, now);
}

/** A webhook endpoint was disabled after its deliveries kept failing: mail to every active admin. */
export async function enqueueWebhookDisabledMail(tx: Tx, endpoint: { id: number; url: string }, failures: number, lastError: string | null, now: number): Promise<number> {
  if (!mailIsConfigured()) return 0;
  const mail: StaffMail = { kind: "webhook_disabled", endpoint: { id: endpoint.id, url: endpoint.url }, failures, lastError };
  return enqueueStaffMail(tx, await activeAdmins(tx), `webhook:${endpoint.id}:disabled:${now}`, mail, now);
}

// ---- A staff member's choice of mail about waiting payments (the account page) ----

/**
 * Saves what `userId` hears of payments waiting for approval. Choosing the digest starts its clock now, so the first
 * digest covers what arrives from here on, not the whole queue at once.
 */
export async function setPendingMail(db: Db, userId: number, choice: PendingMailChoice, digestMinutes: number, now = Date.now()): Promise<boolean> {
  return writeTransaction(db, async (tx) => {
    const [u] = await tx.select({ pendingMail: users.pendingMail, lastDigestAt: users.lastDigestAt }).from(users).where(eq(users.id, userId));
    if (!u) return false;
    const lastDigestAt = choice === "digest" && u.pendingMail !== "digest" ? now : u.lastDigestAt;
    await tx.update(users).set({ pendingMail: choice, digestMinutes, lastDigestAt }).where(eq(users.id, userId));
    return true;
  });
}

/**
 * Settings → E-mail's test e-mail, sent at once rather than through the queue, goes into the log with what the
 * server answered (or what is wrong with the setting), like every other message.
 */
export async function recordTestEmail(
  db: Db,
  input: { userId: number; to: string; locale: Locale; result: { ok: boolean; code: number | null; response: string }; now?: number },
): Promise<void> {
  const now = input.now ?? Date.now();
  await writeTransaction(db, (tx) =>
    tx.insert(emailOutbox).values({
      dedupeKey: `test:${input.userId}:${now}:${crypto.randomBytes(6).toString("base64url")}`,
      kind: "test",
      userId: input.userId,
      toAddress: input.to,
      locale: input.locale,
      mail: { audience: "staff", mail: { kind: "test" } } satisfies AddressedMail,
      status: input.result.ok ? "sent" : "failed",
      attempts: 1,
      lastAttemptAt: now,
      lastResponse: responseForLog(input.result.response),
      lastCode: input.result.code,
      createdAt: now,
      sentAt: input.result.ok ? now : null,
    }),
  );
}
