// The bank statement lines that pay payments, as the API's payment object lists them (`bank_lines`): one query for a
// whole page of payments, so a list answer never asks once per payment.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../connection";
import { prepared } from "../statement-cache";
import { bankStatementLines } from "../tables";
import { PAYING_STATES } from "@/lib/bank/line-state";
import type { PaymentLineRow } from "@/lib/api/payment";

const columns = {
  id: bankStatementLines.id,
  paymentId: bankStatementLines.paymentId,
  amount: bankStatementLines.amount,
  currency: bankStatementLines.currency,
  bookingDate: bankStatementLines.bookingDate,
  valueDate: bankStatementLines.valueDate,
  bankRef: bankStatementLines.bankRef,
  endToEndId: bankStatementLines.endToEndId,
  structuredRef: bankStatementLines.structuredRef,
  remittanceText: bankStatementLines.remittanceText,
  counterpartyName: bankStatementLines.counterpartyName,
  counterpartyAccount: bankStatementLines.counterpartyAccount,
  decidedByUserId: bankStatementLines.decidedByUserId,
};

// Lists of ids make SQL texts of their own; a page of the API's list has at most 100, one payment 1.
const MAX_IDS = 100;

/**
 * The paying lines (matched, underpaid, overpaid) of each payment named, oldest first, in one query per 100 payments
 * (bank_statement_lines_payment_idx); a payment without lines is missing from the map. Lines a person unmatched or
 * ignored, or that only name a payment (to review), are not paying lines.
 */
export async function paymentLines(db: Db | Tx, paymentIds: readonly number[]): Promise<Map<number, PaymentLineRow[]>> {
  const byPayment = new Map<number, PaymentLineRow[]>();
  const ids = [...new Set(paymentIds)];
  for (let i = 0; i < ids.length; i += MAX_IDS) {
    const rows = await db
      .select(columns)
      .from(bankStatementLines)
      .where(and(inArray(bankStatementLines.paymentId, ids.slice(i, i + MAX_IDS)), inArray(bankStatementLines.state, [...PAYING_STATES])))
      .orderBy(asc(bankStatementLines.id));
    for (const r of rows) {
      const line = { ...r, paymentId: r.paymentId! };
      byPayment.set(line.paymentId, [...(byPayment.get(line.paymentId) ?? []), line]);
    }
  }
  return byPayment;
}

const ph = sql.placeholder;

// One payment's lines, for every webhook event and the API's single-payment answers: prepared once per connection.
const linesOfOneQuery = prepared((db) =>
  db
    .select(columns)
    .from(bankStatementLines)
    .where(and(eq(bankStatementLines.paymentId, ph("paymentId")), inArray(bankStatementLines.state, [...PAYING_STATES])))
    .orderBy(asc(bankStatementLines.id))
    .prepare(),
);

const lineByIdQuery = prepared((db) => db.select(columns).from(bankStatementLines).where(eq(bankStatementLines.id, ph("id"))).prepare());

/**
 * A payment's paying lines, without a query when it has received nothing: every paying line adds its (non-zero) amount
 * to `amountReceived`, and an unmatch takes it off again, so a payment at 0 has none. For the reads and webhooks of
 * every state change, most of which are of payments no bank line has touched.
 */
export async function linesOfPayment(db: Db | Tx, p: { id: number; amountReceived: number }): Promise<PaymentLineRow[]> {
  return p.amountReceived === 0 ? [] : linesOfOnePayment(db, p.id);
}

/** A line being matched to a payment in the caller's transaction (payWithLine), whose row may not say so yet. */
export type ApplyingLine = {
  lineId: number;
  /** The person matching it; null: the matcher. */
  byUserId: number | null;
  /** The line's columns as the caller holds them (an import has them in hand): not read again. */
  row?: Omit<PaymentLineRow, "paymentId" | "decidedByUserId">;
  /** The payment had received nothing before this line, so it has no other paying line (see linesOfPayment). */
  first?: boolean;
};

/**
 * One payment's paying lines, oldest first. `applying` is a line being matched to it in the caller's transaction: its
 * row may not say so yet (the caller sets its state and payment after), so it is listed as paying the payment, matched
 * by the person `byUserId`.
 */
export async function linesOfOnePayment(db: Db | Tx, paymentId: number, applying?: ApplyingLine): Promise<PaymentLineRow[]> {
  const rows = applying?.first ? [] : (await linesOfOneQuery(db).execute({ paymentId })).map((r) => ({ ...r, paymentId }));
  if (!applying) return rows;
  const line = applying.row ?? (await lineByIdQuery(db).execute({ id: applying.lineId }))[0];
  if (!line) return rows;
  const current = { ...line, paymentId, decidedByUserId: applying.byUserId };
  return [...rows.filter((r) => r.id !== applying.lineId), current].sort((a, b) => a.id - b.id);
}
