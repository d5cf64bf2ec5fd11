// The refunds to make: money a bank statement showed arrive that the merchant does not keep — what was paid on top of a
// payment's amount, and everything paid towards a payment that was then cancelled or expired — and an agent's record
// of having sent it back, as an event in the payment's timeline, a payment.refunded webhook and a mail to the payer.
import { and, count, desc, eq, sql } from "drizzle-orm";
import { writeTransaction, type Db } from "../connection";
import { insertEvent } from "../change-rows";
import { enqueuePaymentEvent } from "../webhook-outbox";
import { enqueuePayerMail } from "../email-outbox";
import { payments } from "../tables";
import { paymentLines } from "./payment-lines";
import { amountErrorMessage, formatMoney, parseAmount } from "@/lib/money";
import { REFUND_DUE_SQL, refundDue } from "@/lib/payment-status";
import type { PaymentLineRow } from "@/lib/api/payment";

/** The payments with money to send back, most recently changed first, from payments_refund_due_idx. */
export function refundsQuery(db: Db, limit: number) {
  return db
    .select({
      id: payments.id,
      reference: payments.reference,
      status: payments.status,
      amount: payments.amount,
      currency: payments.currency,
      amountReceived: payments.amountReceived,
      amountRefunded: payments.amountRefunded,
      expiresAt: payments.expiresAt,
      customerName: payments.customerName,
    })
    .from(payments)
    .where(sql.raw(REFUND_DUE_SQL))
    .orderBy(desc(payments.updatedAt), desc(payments.id))
    .limit(limit);
}

/** How many payments have money to send back (the Statements page's button), counted in payments_refund_due_idx. */
export async function refundsCount(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(payments).where(sql.raw(REFUND_DUE_SQL));
  return row?.n ?? 0;
}

export type RefundToMake = Awaited<ReturnType<typeof refundsQuery>>[number] & {
  /** What is left to send back (refundDue). */
  due: number;
  /** The bank statement lines the money came from, oldest first: whose account to send it back to. */
  lines: PaymentLineRow[];
};

export async function refundsToMake(db: Db, limit = 200, now = Date.now()): Promise<RefundToMake[]> {
  const rows = await refundsQuery(db, limit);
  const lines = await paymentLines(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, due: refundDue(r, now), lines: lines.get(r.id) ?? [] })).filter((r) => r.due > 0);
}

export type RecordRefundInput = {
  paymentId: number;
  /** As the agent typed it, in the payment's currency ("15.00"); at most what is due. */
  amount: string;
  /** What the agent saw already refunded: a refund recorded meanwhile by someone else makes this one change nothing. */
  seenRefunded: number;
  note: string;
  userId: number;
  now?: number;
};

export type RecordRefundResult = { ok: true } | { ok: false; field: "amount" | "form"; message: string };

/**
 * Records that an agent sent `amount` back to the payer: adds it to the payment's amount refunded (guarded by what they
 * saw, so two agents recording the same refund at once record it once) and writes the event, in one transaction.
 */
export async function recordRefund(db: Db, input: RecordRefundInput): Promise<RecordRefundResult> {
  const now = input.now ?? Date.now();
  return writeTransaction(db, async (tx) => {
    const [p] = await tx.select().from(payments).where(eq(payments.id, input.paymentId));
    if (!p) return { ok: false, field: "form", message: "This payment no longer exists." };
    if (p.amountRefunded !== input.seenRefunded) {
      return { ok: false, field: "form", message: "A refund of this payment was recorded meanwhile: look at what is left to send back." };
    }
    const due = refundDue(p, now);
    const money = (minor: number) => formatMoney(minor, p.currency, "en");
    if (due === 0) return { ok: false, field: "form", message: "Nothing is left to send back for this payment." };
    const parsed = parseAmount(input.amount, p.currency);
    if (!parsed.ok) return { ok: false, field: "amount", message: amountErrorMessage(parsed.error, p.currency) };
    const amount = parsed.minor;
    if (amount > due) return { ok: false, field: "amount", message: `At most ${money(due)} is left to send back.` };
    const changed = await tx
      .update(payments)
      .set({ amountRefunded: p.amountRefunded + amount, updatedAt: now, version: sql`${payments.version} + 1` })
      .where(and(eq(payments.id, p.id), eq(payments.amountRefunded, p.amountRefunded), eq(payments.amountReceived, p.amountReceived)))
      .returning({ id: payments.id });
    if (changed.length === 0) return { ok: false, field: "form", message: "The payment changed meanwhile: look again and retry." };
    const left = due - amount;
    const note = input.note.trim();
    const reason =
      `Refund of ${money(amount)} sent back to the payer` +
      (left > 0 ? `; ${money(left)} still to send back.` : ".") +
      (note ? ` Note: ${note}` : "");
    await insertEvent(tx, { paymentId: p.id, actorType: "user", actorId: String(input.userId), fromStatus: p.status, toStatus: p.status, reason, createdAt: now });
    await enqueuePaymentEvent(tx, "payment.refunded", p.id, now);
    // The payer hears that it is on its way (once for each amount sent back so far).
    await enqueuePayerMail(tx, "refunded", { ...p, amountRefunded: p.amountRefunded + amount, updatedAt: now, version: p.version + 1 }, now);
    return { ok: true };
  });
}
