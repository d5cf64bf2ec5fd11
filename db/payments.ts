// One payment's reads and every change of it: creation, the payer's method choice and "I have paid", the decisions,
// and expiry. State changes are guarded updates plus an event row (and an outbox row), in one transaction.
import { and, eq, gt, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { writeTransaction, type Db, type Tx } from "./connection";
import { snapshotOf } from "./methods";
import { isUniqueViolation } from "./errors";
import { prepared } from "./statement-cache";
import { pageCacheState, paymentMethods, payments, statusIs, type MethodSnapshot, type Payment } from "./tables";
import { generateReference } from "@/lib/reference";
import { newPaymentToken } from "@/lib/token";
import { methodAccepts } from "@/lib/method-availability";
import { effectiveStatus, fromStatuses, transitionError, type ActorType, type PaymentStatus } from "@/lib/payment-status";
import { changeAsSeen, changesInOneStatement, insertEvent, recordChange, type NewPaymentEvent } from "./change-rows";
import { enqueuePayerMail, enqueuePendingMail } from "./email-outbox";
import type { Locale } from "@/lib/i18n";
import type { PayerPageState } from "@/lib/payer-page-cache";


export type Actor = { type: ActorType; id: string | null };

export type CreatePaymentInput = {
  amount: number;
  currency: string;
  description: string;
  orderId?: string | null;
  customerName?: string | null;
  customerEmail?: string | null;
  returnUrl?: string | null;
  expiresAt: number;
  createdByUserId?: number | null;
  createdByApiKeyId?: number | null;
  metadata?: Record<string, unknown> | null;
  /** E-mail the link to customerEmail (the form's checkbox, the API's notify_customer), through the outbox. */
  notifyCustomer?: boolean;
  actor: Actor;
  now?: number;
};

export async function createPayment(db: Db, input: CreatePaymentInput): Promise<Payment> {
  // A 35-bit random reference collides rarely; retry on the unique index rather than pre-checking (racy).
  for (let attempt = 0; ; attempt++) {
    try {
      return await writeTransaction(db, (tx) => insertPayment(tx, input));
    } catch (err) {
      if (attempt < 5 && (isUniqueViolation(err, "payments.reference") || isUniqueViolation(err, "payments.token"))) continue;
      throw err;
    }
  }
}

// ---- Prepared once per connection (see ./statement-cache): the queries of every Confirm, Approve and API call ----

const ph = sql.placeholder;
/** A placeholder bound as given, without the column's encoder: what drizzle's update .set() accepts. */
const raw = (name: string) => sql`${ph(name)}`;

const paymentByIdQuery = prepared((db) => db.select().from(payments).where(eq(payments.id, ph("id"))).prepare());

const paymentByTokenQuery = prepared((db) => db.select().from(payments).where(eq(payments.token, ph("token"))).prepare());

const insertPaymentQuery = prepared((db) =>
  db
    .insert(payments)
    .values({
      token: ph("token"),
      reference: ph("reference"),
      status: "open",
      amount: ph("amount"),
      currency: ph("currency"),
      description: ph("description"),
      orderId: ph("orderId"),
      customerName: ph("customerName"),
      customerEmail: ph("customerEmail"),
      returnUrl: ph("returnUrl"),
      expiresAt: ph("expiresAt"),
      linkExpiresAt: ph("expiresAt"),
      createdByUserId: ph("createdByUserId"),
      createdByApiKeyId: ph("createdByApiKeyId"),
      // JSON: serialised here, so that null stays SQL NULL (a placeholder would go through JSON.stringify, even null).
      metadata: raw("metadata"),
      createdAt: ph("now"),
      updatedAt: ph("now"),
    })
    .returning()
    .prepare(),
);

/** "I have paid": open, not expired and with a method, in one guarded statement that returns the row it changed. */
const submitQuery = prepared((db) =>
  db
    .update(payments)
    .set({
      status: "submitted",
      transactionId: raw("transactionId"),
      receiptFile: raw("receiptFile"),
      receiptMime: raw("receiptMime"),
      receiptSize: raw("receiptSize"),
      receiptName: raw("receiptName"),
      submittedAt: raw("now"),
      updatedAt: raw("now"),
      payerLocale: sql`coalesce(${ph("payerLocale")}, ${payments.payerLocale})`,
      version: sql`${payments.version} + 1`,
    })
    .where(and(eq(payments.id, ph("id")), eq(payments.status, "open"), gt(payments.expiresAt, ph("now")), isNotNull(payments.methodId)))
    .returning()
    .prepare(),
);

/** An agent's (or the shop's) decision, guarded by the status it was taken on; returns the row it changed. (decidePayment's one-statement path sets the same columns.) */
const decideQuery = prepared((db) =>
  db
    .update(payments)
    .set({
      status: raw("to"),
      decisionReason: raw("reason"),
      decidedByUserId: raw("userId"),
      decidedAt: raw("now"),
      updatedAt: raw("now"),
      version: sql`${payments.version} + 1`,
    })
    .where(and(eq(payments.id, ph("id")), eq(payments.status, ph("from"))))
    .returning()
    .prepare(),
);

/**
 * The columns a new payment takes from what it was created with (a new token and reference among them); the others
 * are a new payment's own. For both ways of writing one: insertPayment below, and PostgreSQL's API create (./api-create-pg).
 */
export function newPaymentFields(input: CreatePaymentInput) {
  return {
    token: newPaymentToken(),
    reference: generateReference(),
    amount: input.amount,
    currency: input.currency,
    description: input.description,
    orderId: input.orderId || null,
    customerName: input.customerName || null,
    customerEmail: input.customerEmail ? input.customerEmail.toLowerCase() : null,
    returnUrl: input.returnUrl || null,
    expiresAt: input.expiresAt,
    createdByUserId: input.createdByUserId ?? null,
    createdByApiKeyId: input.createdByApiKeyId ?? null,
  };
}

/** Inserts a payment and its first event inside the caller's transaction. */
export async function insertPayment(tx: Tx, input: CreatePaymentInput): Promise<Payment> {
  const now = input.now ?? Date.now();
  const [row] = await insertPaymentQuery(tx).execute({
    ...newPaymentFields(input),
    metadata: input.metadata == null ? null : JSON.stringify(input.metadata),
    now,
  });
  await insertEvent(tx, { paymentId: row.id, actorType: input.actor.type, actorId: input.actor.id, fromStatus: null, toStatus: "open", reason: null, createdAt: now });
  if (input.notifyCustomer) await enqueuePayerMail(tx, "payment_link", row, now);
  return row;
}

export async function paymentById(db: Db, id: number): Promise<Payment | undefined> {
  return (await paymentByIdQuery(db).execute({ id }))[0];
}

export async function paymentByToken(db: Db, token: string): Promise<Payment | undefined> {
  return (await paymentByTokenQuery(db).execute({ token }))[0];
}

/** What the payer's page of this token shows depends on, in one indexed lookup (see lib/payer-page-cache.ts). */
export async function payerPageState(db: Db, token: string): Promise<PayerPageState | undefined> {
  return (await payerPageStateQuery(db).execute({ token }))[0];
}

// proxy.ts asks this on every view of a payer's page.
const payerPageStateQuery = prepared((db) =>
  db
    .select({
      version: payments.version,
      settingsVersion: sql<number>`coalesce((SELECT ${pageCacheState.settingsVersion} FROM ${pageCacheState} WHERE ${pageCacheState.id} = 1), 0)`,
      status: payments.status,
      expiresAt: payments.expiresAt,
    })
    .from(payments)
    .where(eq(payments.token, ph("token")))
    .prepare(),
);

// ---- Expiry ----

const EXPIRED_REASON = "The payment link expired.";

/**
 * Expires those of `ids` that are open and due, inside the caller's transaction: the guarded update, and an event row
 * and an outbox row for each payment it changed. Returns how many it changed.
 */
async function expireWithin(tx: Tx, ids: number[], now: number): Promise<number> {
  if (ids.length === 0) return 0;
  const expired = await tx
    .update(payments)
    .set({ status: "expired", updatedAt: now, version: sql`${payments.version} + 1` })
    .where(and(inArray(payments.id, ids), statusIs("open"), lte(payments.expiresAt, now)))
    .returning();
  for (const p of expired) {
    await recordChange(tx, { paymentId: p.id, actorType: "system", actorId: null, fromStatus: "open", toStatus: "expired", reason: EXPIRED_REASON, createdAt: now }, "payment.expired", p);
  }
  return expired.length;
}

/**
 * Expires every overdue open payment (a bounded batch), each with its event and outbox rows: the expiry job's work.
 * Returns how many. Two runs at once are safe: the second finds nothing due, or its guarded update changes nothing.
 */
export async function expireDuePayments(db: Db, now = Date.now(), batch = 500): Promise<number> {
  // Usually nothing is due: find that out with a plain read, without taking the write lock (which would queue behind
  // every Confirm and Approve). The transaction below looks again.
  if ((await dueForExpiryQuery(db, now, 1)).length === 0) return 0;
  return writeTransaction(db, async (tx) => {
    const ids = (await dueForExpiryQuery(tx, now, batch)).map((d) => d.id);
    return expireWithin(tx, ids, now);
  });
}

/** The open payments past their expiry, from the partial index payments_open_expires_idx. */
export function dueForExpiryQuery(db: Db | Tx, now: number, limit: number) {
  return db.select({ id: payments.id }).from(payments).where(and(statusIs("open"), lte(payments.expiresAt, now))).limit(limit);
}

const HOUR_MS = 3600_000;

export type ChooseResult = { ok: true } | { ok: false; error: "not_open" | "method_unavailable" };

/** The customer picks (or changes) a method while the payment is open. Not a status change, so no event row. */
export async function chooseMethod(db: Db, paymentId: number, methodId: number | null, now = Date.now(), payerLocale: Locale | null = null): Promise<ChooseResult> {
  return writeTransaction(db, async (tx) => {
    const [p] = await paymentByIdQuery(tx).execute({ id: paymentId });
    if (!p || effectiveStatus(p, now) !== "open") return { ok: false, error: "not_open" } as const;
    let snapshot: MethodSnapshot | null = null;
    const linkExpiresAt = p.linkExpiresAt ?? p.expiresAt;
    let expiresAt = linkExpiresAt;
    if (methodId != null) {
      const [m] = await tx.select().from(paymentMethods).where(eq(paymentMethods.id, methodId));
      if (!m || !methodAccepts(m, p.currency, p.amount)) return { ok: false, error: "method_unavailable" } as const;
      snapshot = snapshotOf(m);
      // A method may give less time than the link (a crypto quote, a cash desk's hours), never more.
      if (m.hoursOpen) expiresAt = Math.min(linkExpiresAt, now + m.hoursOpen * HOUR_MS);
    }
    const changed = await tx
      .update(payments)
      .set({ methodId, methodSnapshot: snapshot, methodChosenAt: snapshot ? now : null, expiresAt, updatedAt: now, version: sql`${payments.version} + 1`, ...(payerLocale ? { payerLocale } : {}) })
      .where(and(eq(payments.id, paymentId), eq(payments.status, "open")))
      .returning({ id: payments.id });
    return changed.length === 1 ? ({ ok: true } as const) : ({ ok: false, error: "not_open" } as const);
  });
}

export type SubmitInput = {
  paymentId: number;
  transactionId: string | null;
  /** name: the file's name on the payer's device (display only), when the browser sent one. */
  receipt: { file: string; mime: string; size: number; name?: string | null } | null;
  /** The language of the page the payer pressed "I have paid" on: their mail is written in it. */
  payerLocale?: Locale | null;
  /** The payment as the caller read it: on PostgreSQL the change is then one statement (changeAsSeen). */
  seen?: Payment;
  now?: number;
};
export type SubmitResult = { ok: true } | { ok: false; error: "not_open" | "expired" | "no_method" };

/** The customer's "I have paid". A second press finds the payment no longer open and changes nothing. */
export async function submitPayment(db: Db, input: SubmitInput): Promise<SubmitResult> {
  const now = input.now ?? Date.now();
  const event = (id: number): NewPaymentEvent => ({ paymentId: id, actorType: "customer", actorId: null, fromStatus: "open", toStatus: "submitted", reason: null, createdAt: now });
  // What the payer gives, which both paths below write.
  const given = {
    transactionId: input.transactionId,
    receiptFile: input.receipt?.file ?? null,
    receiptMime: input.receipt?.mime ?? null,
    receiptSize: input.receipt?.size ?? null,
    receiptName: input.receipt?.name ?? null,
  };
  const seen = input.seen;
  if (seen && seen.id === input.paymentId && changesInOneStatement() && seen.status === "open" && seen.expiresAt > now && seen.methodId != null) {
    // What submitQuery sets, from the row seen; changed meanwhile, the transaction below decides.
    const set = { ...given, status: "submitted", submittedAt: now, updatedAt: now, payerLocale: input.payerLocale ?? seen.payerLocale } as const;
    if (await changeAsSeen(db, seen, set, event(seen.id), "payment.submitted")) return { ok: true };
  }
  return writeTransaction(db, async (tx) => {
    // The guarded update first: it is the whole check when it succeeds. When it changes nothing, the row is read to say
    // why; nobody else can write in between (the transaction holds the write lock), so the answer is the row's state.
    const [p] = await submitQuery(tx).execute({ ...given, id: input.paymentId, payerLocale: input.payerLocale ?? null, now });
    if (!p) {
      const [current] = await paymentByIdQuery(tx).execute({ id: input.paymentId });
      if (!current || current.status !== "open") return { ok: false, error: "not_open" } as const;
      if (current.expiresAt <= now) return { ok: false, error: "expired" } as const;
      if (current.methodId == null) return { ok: false, error: "no_method" } as const;
      return { ok: false, error: "not_open" } as const;
    }
    await recordChange(tx, event(p.id), "payment.submitted", p);
    await enqueuePayerMail(tx, "confirmation_received", p, now);
    await enqueuePendingMail(tx, p, now);
    return { ok: true } as const;
  });
}

export type Decision = "approve" | "cancel";
export type DecideResult =
  | { ok: true; payment: Payment }
  | { ok: false; error: "not_found" }
  | { ok: false; error: "conflict"; status: PaymentStatus; message: string };

/**
 * An agent approves a submitted payment, or cancels an open or submitted one. The UPDATE is conditional on the
 * status, so of two agents racing exactly one changes the row and writes the event; the other gets a conflict.
 */
export async function decidePayment(
  db: Db,
  input: { paymentId: number; decision: Decision; reason?: string | null; actor: Actor; userId?: number | null; now?: number },
): Promise<DecideResult> {
  const now = input.now ?? Date.now();
  const to: PaymentStatus = input.decision === "approve" ? "approved" : "cancelled";
  const decided = (tx: Tx, from: PaymentStatus, payment: Payment) => afterDecision(tx, input, from, to, payment, now);
  if (changesInOneStatement()) {
    // PostgreSQL without e-mail: the row is read, and a decision it allows is one statement (changeAsSeen). Anything
    // else (refused, past its expiry, changed meanwhile) takes the transaction below, which says what happened.
    const [seen] = await paymentByIdQuery(db).execute({ id: input.paymentId });
    if (!seen) return { ok: false, error: "not_found" } as const;
    if (!transitionError(seen.status, to, input.actor.type) && effectiveStatus(seen, now) === seen.status) {
      const set = { status: to, decisionReason: input.reason || null, decidedByUserId: input.userId ?? null, decidedAt: now, updatedAt: now };
      const payment = await changeAsSeen(db, seen, set, decisionEvent(input, seen.status, to, seen.id, now), webhookOfDecision(to));
      if (payment) return { ok: true, payment };
    }
  }
  return writeTransaction(db, async (tx) => {
    // When only one status may be decided on (Approve: submitted), the guarded UPDATE goes first: it is the whole
    // check when it succeeds, one round trip fewer on PostgreSQL. An open payment is never guessed at (it may be past
    // its expiry). When it changes nothing, the row is read and the decision taken as below.
    const only = fromStatuses(to, input.actor.type);
    if (only.length === 1 && only[0] !== "open") {
      const [payment] = await decideQuery(tx).execute({ id: input.paymentId, from: only[0], to, reason: input.reason || null, userId: input.userId ?? null, now });
      if (payment) return decided(tx, only[0], payment);
    }
    // The row is read once, for the status it is decided on; the guarded UPDATE … RETURNING gives the row as it is
    // now, for the webhook payload and the caller.
    const [current] = await paymentByIdQuery(tx).execute({ id: input.paymentId });
    if (!current) return { ok: false, error: "not_found" } as const;
    const refuse = (status: PaymentStatus) =>
      ({ ok: false, error: "conflict", status, message: transitionError(status, to, input.actor.type) ?? "This payment changed meanwhile." }) as const;
    // An open payment past its expiry has expired (whether or not the expiry job got to it): it expires here, and
    // the decision is refused as for any expired payment.
    if (effectiveStatus(current, now) === "expired" && current.status === "open") {
      await expireWithin(tx, [current.id], now);
      return refuse("expired");
    }
    // The state machine (lib/payment-status.ts) is the one list of what may change to what, and by whom.
    if (transitionError(current.status, to, input.actor.type)) return refuse(current.status);
    const [payment] = await decideQuery(tx).execute({
      id: current.id,
      from: current.status,
      to,
      reason: input.reason || null,
      userId: input.userId ?? null,
      now,
    });
    if (!payment) return refuse((await paymentByIdQuery(tx).execute({ id: current.id }))[0]!.status);
    return decided(tx, current.status, payment);
  });
}

/** What a decision writes beside its guarded update: the event, the webhook and the payer's e-mail. */
async function afterDecision(
  tx: Tx,
  input: { paymentId: number; reason?: string | null; actor: Actor },
  from: PaymentStatus,
  to: PaymentStatus,
  payment: Payment,
  now: number,
): Promise<DecideResult> {
  await recordChange(tx, decisionEvent(input, from, to, payment.id, now), webhookOfDecision(to), payment);
  await enqueuePayerMail(tx, to === "approved" ? "approved" : "cancelled", payment, now);
  return { ok: true, payment };
}

function decisionEvent(input: { reason?: string | null; actor: Actor }, from: PaymentStatus, to: PaymentStatus, paymentId: number, now: number): NewPaymentEvent {
  return { paymentId, actorType: input.actor.type, actorId: input.actor.id, fromStatus: from, toStatus: to, reason: input.reason || null, createdAt: now };
}

function webhookOfDecision(to: PaymentStatus) {
  return to === "approved" ? ("payment.approved" as const) : ("payment.cancelled" as const);
}
