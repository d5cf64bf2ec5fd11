// A payment as the API and webhooks show it to shops.
import type { StatementLine } from "../bank/statement";
import { minorToDecimal } from "../money";
import { effectiveStatus } from "../payment-status";
import { formatReference } from "../reference";
import type { ApiBankLine, ApiPayment } from "./schemas";

export type PaymentRow = {
  id: number;
  token: string;
  reference: string;
  status: ApiPayment["status"];
  amount: number;
  currency: string;
  description: string;
  orderId: string | null;
  customerName: string | null;
  customerEmail: string | null;
  returnUrl: string | null;
  expiresAt: number;
  methodSnapshot: { id: number; name: string } | null;
  transactionId: string | null;
  decisionReason: string | null;
  metadata: Record<string, unknown> | null;
  createdAt: number;
  submittedAt: number | null;
  decidedAt: number | null;
  amountReceived?: number;
  amountRefunded?: number;
  bankConfirmedAt?: number | null;
};

/** A bank statement line that pays a payment (db/bank/payment-lines.ts reads them), as the API needs it. */
export type PaymentLineRow = Pick<
  StatementLine,
  "bookingDate" | "valueDate" | "bankRef" | "endToEndId" | "structuredRef" | "remittanceText" | "counterpartyName" | "counterpartyAccount"
> & {
  id: number;
  paymentId: number;
  amount: number;
  currency: string;
  /** Set when a person matched the line; null when the matcher did (on import, or running it again). */
  decidedByUserId: number | null;
};

/** One line of a payment's `bank_lines`. */
export function toApiBankLine(l: PaymentLineRow): ApiBankLine {
  return {
    id: l.id,
    amount: minorToDecimal(l.amount, l.currency),
    amount_minor: l.amount,
    currency: l.currency,
    booking_date: l.bookingDate,
    value_date: l.valueDate,
    bank_reference: l.bankRef,
    end_to_end_id: l.endToEndId,
    structured_reference: l.structuredRef,
    remittance_text: l.remittanceText,
    payer_name: l.counterpartyName,
    payer_account: l.counterpartyAccount,
    matched_by: l.decidedByUserId == null ? "automatic" : "person",
  };
}

// The times of one change repeat across its rows (a bank import's thousands of payments share its moment): the last
// one formatted is kept.
let lastIso = { ms: NaN, text: "" };
const iso = (ms: number | null) => {
  if (ms == null) return null;
  if (ms !== lastIso.ms) lastIso = { ms, text: new Date(ms).toISOString() };
  return lastIso.text;
};

/**
 * The API's view of a payment, with its effective status (an open payment past its expiry has expired). `lines` are
 * the bank statement lines that pay it (db/bank/payment-lines.ts), oldest first; a new payment has none.
 */
export function toApiPayment(p: PaymentRow, lines: readonly PaymentLineRow[], baseUrl: string, now = Date.now()): ApiPayment {
  const status = effectiveStatus(p, now);
  return {
    id: p.id,
    object: "payment",
    status,
    amount: minorToDecimal(p.amount, p.currency),
    amount_minor: p.amount,
    currency: p.currency,
    description: p.description,
    order_id: p.orderId,
    reference: formatReference(p.reference),
    url: `${baseUrl.replace(/\/+$/, "")}/pay/${p.token}`,
    customer_email: p.customerEmail,
    customer_name: p.customerName,
    return_url: p.returnUrl,
    method: p.methodSnapshot ? { id: p.methodSnapshot.id, name: p.methodSnapshot.name } : null,
    transaction_id: p.transactionId,
    cancellation_reason: status === "cancelled" ? p.decisionReason : null,
    metadata: p.metadata,
    created_at: iso(p.createdAt)!,
    expires_at: iso(p.expiresAt)!,
    submitted_at: iso(p.submittedAt),
    decided_at: iso(p.decidedAt),
    amount_received: minorToDecimal(p.amountReceived ?? 0, p.currency),
    amount_received_minor: p.amountReceived ?? 0,
    amount_refunded: minorToDecimal(p.amountRefunded ?? 0, p.currency),
    amount_refunded_minor: p.amountRefunded ?? 0,
    bank_confirmed_at: iso(p.bankConfirmedAt ?? null),
    bank_lines: lines.map(toApiBankLine),
  };
}
