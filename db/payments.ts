// Every read and write of payments and their event log. State changes are guarded updates plus an event row, in one transaction.
import { and, asc, desc, eq, gt, inArray, isNotNull, lte, or, sql, type SQL } from "drizzle-orm";
import { preparedPerConnection, writeTransaction, type Db, type Tx } from "./client";
import {
  pageCacheState,
  paymentEvents,
  type PaymentEvent,
  paymentMethods,
  payments,
  users,
  type MethodSnapshot,
  type Payment,
  type PaymentMethod,
} from "./schema";
import { generateReference, normalizeReference } from "@/lib/reference";
import { newPaymentToken } from "@/lib/token";
import { methodAccepts } from "@/lib/method-availability";
import { transitionError, type ActorType, type PaymentStatus } from "@/lib/payment-status";
import { enqueuePaymentEvent } from "./webhooks";
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
  actor: Actor;
  now?: number;
};

function isUniqueViolation(err: unknown, column: string): boolean {
  return err instanceof Error && /UNIQUE constraint failed/.test(err.message) && err.message.includes(column);
}

export function createPayment(db: Db, input: CreatePaymentInput): Payment {
  // A 35-bit random reference collides rarely; retry on the unique index rather than pre-checking (racy).
  for (let attempt = 0; ; attempt++) {
    try {
      return writeTransaction(db, (tx) => insertPayment(tx, input));
    } catch (err) {
      if (attempt < 5 && (isUniqueViolation(err, "reference") || isUniqueViolation(err, "token"))) continue;
      throw err;
    }
  }
}

// ---- Prepared once per connection (see preparedPerConnection): the queries of every Confirm, Approve and API call ----

const ph = sql.placeholder;
/** A placeholder bound as given, without the column's encoder: what drizzle's update .set() accepts. */
const raw = (name: string) => sql`${ph(name)}`;

const paymentByIdQuery = preparedPerConnection((db) => db.select().from(payments).where(eq(payments.id, ph("id"))).prepare());

const paymentByTokenQuery = preparedPerConnection((db) => db.select().from(payments).where(eq(payments.token, ph("token"))).prepare());

const insertPaymentQuery = preparedPerConnection((db) =>
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

const insertEventQuery = preparedPerConnection((db) =>
  db
    .insert(paymentEvents)
    .values({
      paymentId: ph("paymentId"),
      actorType: ph("actorType"),
      actorId: ph("actorId"),
      fromStatus: ph("fromStatus"),
      toStatus: ph("toStatus"),
      reason: ph("reason"),
      createdAt: ph("createdAt"),
    })
    .prepare(),
);

/** One row of the event log, inside the caller's transaction. */
function insertEvent(tx: Tx, e: Omit<PaymentEvent, "id">): void {
  insertEventQuery(tx).run(e);
}

/** "I have paid": open, not expired and with a method, in one guarded statement that returns the row it changed. */
const submitQuery = preparedPerConnection((db) =>
  db
    .update(payments)
    .set({
      status: "submitted",
      transactionId: raw("transactionId"),
      receiptFile: raw("receiptFile"),
      receiptMime: raw("receiptMime"),
      receiptSize: raw("receiptSize"),
      submittedAt: raw("now"),
      updatedAt: raw("now"),
      version: sql`${payments.version} + 1`,
    })
    .where(and(eq(payments.id, ph("id")), eq(payments.status, "open"), gt(payments.expiresAt, ph("now")), isNotNull(payments.methodId)))
    .returning()
    .prepare(),
);

/** An agent's (or the shop's) decision, guarded by the status it was taken on; returns the row it changed. */
const decideQuery = preparedPerConnection((db) =>
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

/** Inserts a payment and its first event inside the caller's transaction. */
export function insertPayment(tx: Tx, input: CreatePaymentInput): Payment {
  const now = input.now ?? Date.now();
  const row = insertPaymentQuery(tx).get({
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
    metadata: input.metadata == null ? null : JSON.stringify(input.metadata),
    now,
  })!;
  insertEvent(tx, { paymentId: row.id, actorType: input.actor.type, actorId: input.actor.id, fromStatus: null, toStatus: "open", reason: null, createdAt: now });
  return row;
}

export function paymentById(db: Db, id: number): Payment | undefined {
  return paymentByIdQuery(db).get({ id });
}

export function paymentByToken(db: Db, token: string): Payment | undefined {
  return paymentByTokenQuery(db).get({ token });
}

/** What the payer's page of this token shows depends on, in one indexed lookup (see lib/payer-page-cache.ts). */
export function payerPageState(db: Db, token: string): PayerPageState | undefined {
  let query = payerPageStateQueries.get(db);
  if (!query) {
    // Prepared once per connection: proxy.ts asks this on every view of a payer's page.
    query = db
      .select({
        version: payments.version,
        settingsVersion: sql<number>`coalesce((SELECT ${pageCacheState.settingsVersion} FROM ${pageCacheState} WHERE ${pageCacheState.id} = 1), 0)`,
        status: payments.status,
        expiresAt: payments.expiresAt,
      })
      .from(payments)
      .where(eq(payments.token, sql.placeholder("token")))
      .prepare();
    payerPageStateQueries.set(db, query);
  }
  return query.get({ token });
}

const payerPageStateQueries = new WeakMap<Db, { get(params: { token: string }): PayerPageState | undefined }>();

/** An open payment past its expiry becomes expired the first time anyone looks at it. */
export function expireIfDue(db: Db, payment: Payment, now = Date.now()): Payment {
  if (payment.status !== "open" || payment.expiresAt > now) return payment;
  writeTransaction(db, (tx) => {
    const res = tx
      .update(payments)
      .set({ status: "expired", updatedAt: now, version: sql`${payments.version} + 1` })
      .where(and(eq(payments.id, payment.id), eq(payments.status, "open"), lte(payments.expiresAt, now)))
      .run();
    if (res.changes === 1) {
      tx.insert(paymentEvents)
        .values({ paymentId: payment.id, actorType: "system", actorId: null, fromStatus: "open", toStatus: "expired", reason: "The payment link expired.", createdAt: now })
        .run();
      enqueuePaymentEvent(tx, "payment.expired", payment.id, now);
    }
  });
  return paymentById(db, payment.id)!;
}

/** Expires every overdue open payment (bounded batch), each with its event row. Returns how many. */
export function expireDuePayments(db: Db, now = Date.now(), batch = 500): number {
  // Every list page calls this, and usually nothing is due: find that out with a plain read, without taking the
  // write lock (which would queue the page behind every Confirm and Approve). The transaction below checks again.
  const anyDue = db
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.status, "open"), lte(payments.expiresAt, now)))
    .limit(1)
    .get();
  if (!anyDue) return 0;
  return writeTransaction(db, (tx) => {
    const due = tx
      .select({ id: payments.id })
      .from(payments)
      .where(and(eq(payments.status, "open"), lte(payments.expiresAt, now)))
      .limit(batch)
      .all();
    if (due.length === 0) return 0;
    const ids = due.map((d) => d.id);
    tx.update(payments)
      .set({ status: "expired", updatedAt: now, version: sql`${payments.version} + 1` })
      .where(and(inArray(payments.id, ids), eq(payments.status, "open")))
      .run();
    tx.insert(paymentEvents)
      .values(ids.map((id) => ({ paymentId: id, actorType: "system" as const, actorId: null, fromStatus: "open" as const, toStatus: "expired" as const, reason: "The payment link expired.", createdAt: now })))
      .run();
    for (const id of ids) enqueuePaymentEvent(tx, "payment.expired", id, now);
    return ids.length;
  });
}

export function paymentByTokenFresh(db: Db, token: string, now = Date.now()): Payment | undefined {
  const p = paymentByToken(db, token);
  return p ? expireIfDue(db, p, now) : undefined;
}

export function enabledMethods(db: Db): PaymentMethod[] {
  return db
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.enabled, true), eq(paymentMethods.archived, false)))
    .orderBy(asc(paymentMethods.position), asc(paymentMethods.id))
    .all();
}

export function methodsForPayment(db: Db, payment: Pick<Payment, "currency" | "amount">): PaymentMethod[] {
  return enabledMethods(db).filter((m) => methodAccepts(m, payment.currency, payment.amount));
}

export function allMethods(db: Db): PaymentMethod[] {
  return db.select().from(paymentMethods).orderBy(asc(paymentMethods.position), asc(paymentMethods.id)).all();
}

export function snapshotOf(m: PaymentMethod): MethodSnapshot {
  return {
    id: m.id,
    name: m.name,
    kind: m.kind,
    details: m.details,
    instructions: m.instructions,
    requiresTransactionId: m.requiresTransactionId,
    receipt: m.receipt,
    qrStandard: m.qrStandard,
    qrFields: m.qrFields,
  };
}

const HOUR_MS = 3600_000;

export type ChooseResult = { ok: true } | { ok: false; error: "not_open" | "method_unavailable" };

/** The customer picks (or changes) a method while the payment is open. Not a status change, so no event row. */
export function chooseMethod(db: Db, paymentId: number, methodId: number | null, now = Date.now()): ChooseResult {
  return writeTransaction(db, (tx) => {
    const p = tx.select().from(payments).where(eq(payments.id, paymentId)).get();
    if (!p || p.status !== "open" || p.expiresAt <= now) return { ok: false, error: "not_open" } as const;
    let snapshot: MethodSnapshot | null = null;
    const linkExpiresAt = p.linkExpiresAt ?? p.expiresAt;
    let expiresAt = linkExpiresAt;
    if (methodId != null) {
      const m = tx.select().from(paymentMethods).where(eq(paymentMethods.id, methodId)).get();
      if (!m || !methodAccepts(m, p.currency, p.amount)) return { ok: false, error: "method_unavailable" } as const;
      snapshot = snapshotOf(m);
      // A method may give less time than the link (a crypto quote, a cash desk's hours), never more.
      if (m.hoursOpen) expiresAt = Math.min(linkExpiresAt, now + m.hoursOpen * HOUR_MS);
    }
    const res = tx
      .update(payments)
      .set({ methodId, methodSnapshot: snapshot, expiresAt, updatedAt: now, version: sql`${payments.version} + 1` })
      .where(and(eq(payments.id, paymentId), eq(payments.status, "open")))
      .run();
    return res.changes === 1 ? ({ ok: true } as const) : ({ ok: false, error: "not_open" } as const);
  });
}

export type SubmitInput = {
  paymentId: number;
  transactionId: string | null;
  receipt: { file: string; mime: string; size: number } | null;
  now?: number;
};
export type SubmitResult = { ok: true } | { ok: false; error: "not_open" | "expired" | "no_method" };

/** The customer's "I have paid". A second press finds the payment no longer open and changes nothing. */
export function submitPayment(db: Db, input: SubmitInput): SubmitResult {
  const now = input.now ?? Date.now();
  return writeTransaction(db, (tx) => {
    // The guarded update first: it is the whole check when it succeeds. When it changes nothing, the row is read to say
    // why; nobody else can write in between (the transaction holds the write lock), so the answer is the row's state.
    const p = submitQuery(tx).get({
      id: input.paymentId,
      transactionId: input.transactionId,
      receiptFile: input.receipt?.file ?? null,
      receiptMime: input.receipt?.mime ?? null,
      receiptSize: input.receipt?.size ?? null,
      now,
    });
    if (!p) {
      const current = paymentByIdQuery(tx).get({ id: input.paymentId });
      if (!current || current.status !== "open") return { ok: false, error: "not_open" } as const;
      if (current.expiresAt <= now) return { ok: false, error: "expired" } as const;
      if (current.methodId == null) return { ok: false, error: "no_method" } as const;
      return { ok: false, error: "not_open" } as const;
    }
    insertEvent(tx, { paymentId: p.id, actorType: "customer", actorId: null, fromStatus: "open", toStatus: "submitted", reason: null, createdAt: now });
    enqueuePaymentEvent(tx, "payment.submitted", p.id, now, p);
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
export function decidePayment(
  db: Db,
  input: { paymentId: number; decision: Decision; reason?: string | null; actor: Actor; userId?: number | null; now?: number },
): DecideResult {
  const now = input.now ?? Date.now();
  const to: PaymentStatus = input.decision === "approve" ? "approved" : "cancelled";
  const from: PaymentStatus[] = input.decision === "approve" ? ["submitted"] : ["open", "submitted"];
  return writeTransaction(db, (tx) => {
    // The row is read once, for the status it is decided on; the guarded UPDATE … RETURNING gives the row as it is
    // now, for the webhook payload and the caller.
    const current = paymentByIdQuery(tx).get({ id: input.paymentId });
    if (!current) return { ok: false, error: "not_found" } as const;
    const refuse = (status: PaymentStatus) =>
      ({ ok: false, error: "conflict", status, message: transitionError(status, to, input.actor.type) ?? "This payment changed meanwhile." }) as const;
    if (!from.includes(current.status) || transitionError(current.status, to, input.actor.type)) return refuse(current.status);
    const payment = decideQuery(tx).get({
      id: current.id,
      from: current.status,
      to,
      reason: input.reason || null,
      userId: input.userId ?? null,
      now,
    });
    if (!payment) return refuse(paymentByIdQuery(tx).get({ id: current.id })!.status);
    insertEvent(tx, {
      paymentId: current.id,
      actorType: input.actor.type,
      actorId: input.actor.id,
      fromStatus: current.status,
      toStatus: to,
      reason: input.reason || null,
      createdAt: now,
    });
    enqueuePaymentEvent(tx, to === "approved" ? "payment.approved" : "payment.cancelled", current.id, now, payment);
    return { ok: true, payment } as const;
  });
}

// ---- Lists with keyset pagination ----

export type Cursor = { t: number; id: number };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.t}.${c.id}`).toString("base64url");
}

export function decodeCursor(s: string | undefined | null): Cursor | null {
  if (!s) return null;
  const m = /^(\d{1,16})\.(\d{1,16})$/.exec(Buffer.from(s, "base64url").toString());
  return m ? { t: Number(m[1]), id: Number(m[2]) } : null;
}

export type PendingRow = Pick<
  Payment,
  "id" | "reference" | "amount" | "currency" | "description" | "orderId" | "customerName" | "customerEmail" | "transactionId" | "receiptFile" | "submittedAt" | "createdAt"
> & { methodName: string | null };

const pendingColumns = {
  id: payments.id,
  reference: payments.reference,
  amount: payments.amount,
  currency: payments.currency,
  description: payments.description,
  orderId: payments.orderId,
  customerName: payments.customerName,
  customerEmail: payments.customerEmail,
  transactionId: payments.transactionId,
  receiptFile: payments.receiptFile,
  submittedAt: payments.submittedAt,
  createdAt: payments.createdAt,
  methodName: sql<string | null>`json_extract(${payments.methodSnapshot}, '$.name')`,
};

/** Submitted payments waiting for an agent, oldest first. */
export function pendingPayments(db: Db, opts: { cursor?: Cursor | null; limit?: number } = {}) {
  const limit = opts.limit ?? 50;
  const rows = pendingPaymentsQuery(db, opts).all() as PendingRow[];
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > limit && last ? encodeCursor({ t: last.submittedAt!, id: last.id }) : null };
}

/** The Pending queue's query, unexecuted (one row more than a page, to know whether there is a next one). */
export function pendingPaymentsQuery(db: Db, opts: { cursor?: Cursor | null; limit?: number } = {}) {
  const limit = opts.limit ?? 50;
  const c = opts.cursor;
  return db
    .select(pendingColumns)
    .from(payments)
    .where(
      and(
        eq(payments.status, "submitted"),
        // A row value, so SQLite seeks straight to the cursor in the index instead of walking up to it.
        c ? sql`(${payments.submittedAt}, ${payments.id}) > (${c.t}, ${c.id})` : undefined,
      ),
    )
    .orderBy(asc(payments.submittedAt), asc(payments.id))
    .limit(limit + 1);
}

/** How many payments wait for a decision: a number the database keeps (triggers of drizzle/0005), not a count. */
export function pendingCount(db: Db): number {
  return pendingCountQuery(db).get()?.n ?? countSubmitted(db);
}

const pendingCountQuery = preparedPerConnection((db) =>
  db.select({ n: pageCacheState.submittedCount }).from(pageCacheState).where(eq(pageCacheState.id, 1)).prepare(),
);

/** The count itself, by the status index (what the kept number must always equal). */
export function countSubmitted(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(payments).where(eq(payments.status, "submitted")).get()!.n;
}

export type ListFilter = { status?: PaymentStatus | null; methodId?: number | null; q?: string | null };

/** Turns the search box into exact index lookups: a reference code, an order id, or a customer email. */
function searchCondition(q: string): SQL | undefined {
  const term = q.trim();
  if (!term) return undefined;
  const terms: SQL[] = [eq(payments.orderId, term)];
  const ref = normalizeReference(term);
  if (ref) terms.push(eq(payments.reference, ref));
  if (term.includes("@")) terms.push(eq(payments.customerEmail, term.toLowerCase()));
  return or(...terms);
}

/** All payments, newest first, filtered; keyset-paginated on (created_at, id). */
export function listPayments(db: Db, filter: ListFilter, opts: { cursor?: Cursor | null; limit?: number } = {}) {
  const limit = opts.limit ?? 50;
  const rows = listPaymentsQuery(db, filter, opts).all();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > limit && last ? encodeCursor({ t: last.createdAt, id: last.id }) : null };
}

/** The All payments query, unexecuted (one row more than a page). */
export function listPaymentsQuery(db: Db, filter: ListFilter, opts: { cursor?: Cursor | null; limit?: number } = {}) {
  const limit = opts.limit ?? 50;
  const c = opts.cursor;
  return db
    .select({
      ...pendingColumns,
      status: payments.status,
      expiresAt: payments.expiresAt,
      decidedAt: payments.decidedAt,
    })
    .from(payments)
    .where(
      and(
        filter.status ? eq(payments.status, filter.status) : undefined,
        filter.methodId ? eq(payments.methodId, filter.methodId) : undefined,
        filter.q ? searchCondition(filter.q) : undefined,
        c ? sql`(${payments.createdAt}, ${payments.id}) < (${c.t}, ${c.id})` : undefined,
      ),
    )
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(limit + 1);
}

export function eventsOfPayment(db: Db, paymentId: number) {
  return db
    .select({
      id: paymentEvents.id,
      actorType: paymentEvents.actorType,
      actorId: paymentEvents.actorId,
      actorName: users.name,
      fromStatus: paymentEvents.fromStatus,
      toStatus: paymentEvents.toStatus,
      reason: paymentEvents.reason,
      createdAt: paymentEvents.createdAt,
    })
    .from(paymentEvents)
    .leftJoin(users, and(eq(paymentEvents.actorType, "user"), eq(users.id, sql`CAST(${paymentEvents.actorId} AS INTEGER)`)))
    .where(eq(paymentEvents.paymentId, paymentId))
    .orderBy(asc(paymentEvents.id))
    .all();
}

export function userName(db: Db, id: number | null): string | null {
  if (id == null) return null;
  return db.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name ?? null;
}
