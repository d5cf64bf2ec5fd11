// The payment lists: the Pending queue, All payments with its filters, the waiting count, and one payment's event log.
import { and, asc, count, desc, eq, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "./connection";
import { IS_POSTGRES, jsonText } from "./dialect";
import { keysetPage, pastCursor, type PageOptions } from "./keyset";
import { prepared } from "./statement-cache";
import { pageCacheState, paymentEvents, payments, statusIs, users, type Payment } from "./tables";
import { normalizeReference } from "@/lib/reference";
import type { PaymentStatus } from "@/lib/payment-status";

export type PendingRow = Pick<
  Payment,
  "id" | "reference" | "amount" | "currency" | "description" | "orderId" | "customerName" | "customerEmail" | "transactionId" | "receiptFile" | "submittedAt" | "createdAt" | "bankConfirmedAt" | "amountReceived"
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
  bankConfirmedAt: payments.bankConfirmedAt,
  amountReceived: payments.amountReceived,
  methodName: jsonText(payments.methodSnapshot, "name"),
};

/** Submitted payments waiting for an agent, oldest first. */
export async function pendingPayments(db: Db, opts: PageOptions = {}) {
  return keysetPage((await pendingPaymentsQuery(db, opts)) as PendingRow[], opts.limit ?? 50, (r) => r.submittedAt!);
}

/** The Pending queue's query, unexecuted (one row more than a page, to know whether there is a next one). */
export function pendingPaymentsQuery(db: Db, opts: PageOptions = {}) {
  return db
    .select(pendingColumns)
    .from(payments)
    .where(and(statusIs("submitted"), pastCursor(payments.submittedAt, payments.id, opts.cursor, "asc")))
    .orderBy(asc(payments.submittedAt), asc(payments.id))
    .limit((opts.limit ?? 50) + 1);
}

/**
 * How many payments wait for a decision. SQLite: a number the database keeps (triggers of drizzle/0005), not a count.
 * PostgreSQL: counted over the partial index payments_submitted_idx, since a kept number would make every submit and
 * decision of every instance queue on one row.
 */
export async function pendingCount(db: Db): Promise<number> {
  if (IS_POSTGRES) return countSubmitted(db);
  const [kept] = await pendingCountQuery(db).execute();
  return kept ? kept.n : countSubmitted(db);
}

const pendingCountQuery = prepared((db) =>
  db.select({ n: pageCacheState.submittedCount }).from(pageCacheState).where(eq(pageCacheState.id, 1)).prepare(),
);

/** The count itself, by the status index (what the kept number must always equal). */
export async function countSubmitted(db: Db): Promise<number> {
  return (await db.select({ n: count() }).from(payments).where(statusIs("submitted")))[0].n;
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
export async function listPayments(db: Db, filter: ListFilter, opts: PageOptions = {}) {
  return keysetPage(await listPaymentsQuery(db, filter, opts), opts.limit ?? 50, (r) => r.createdAt);
}

/** The All payments query, unexecuted (one row more than a page). */
export function listPaymentsQuery(db: Db, filter: ListFilter, opts: PageOptions = {}) {
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
        pastCursor(payments.createdAt, payments.id, opts.cursor, "desc"),
      ),
    )
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit((opts.limit ?? 50) + 1);
}


export async function eventsOfPayment(db: Db, paymentId: number) {
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
      bankLineId: paymentEvents.bankLineId,
    })
    .from(paymentEvents)
    .leftJoin(users, and(eq(paymentEvents.actorType, "user"), eq(sql`CAST(${users.id} AS TEXT)`, paymentEvents.actorId)))
    .where(eq(paymentEvents.paymentId, paymentId))
    .orderBy(asc(paymentEvents.id));
}

export async function userName(db: Db, id: number | null): Promise<string | null> {
  if (id == null) return null;
  return (await db.select({ name: users.name }).from(users).where(eq(users.id, id)))[0]?.name ?? null;
}
