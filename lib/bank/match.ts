// The matching decision for one statement line: pure, so the database layer only looks things up and writes.
import type { PaymentStatus } from "../payment-status";
import { nameSimilarity, NAMES_ALIKE } from "./name-similarity";
import type { ReferenceField, ReferenceHit } from "./reference-search";
import type { StatementLine } from "./statement";

/**
 * What the matcher needs to know of a payment: the payments row's own names (amount in minor units,
 * times in epoch ms), plus `amountReceived`, the sum of the lines already matched to it.
 */
export type MatchPayment = {
  id: number;
  reference: string;
  /** The effective status (lib/payment-status effectiveStatus), so an overdue open payment reads "expired". */
  status: PaymentStatus;
  amount: number;
  currency: string;
  amountReceived: number;
  createdAt: number;
  expiresAt: number;
  customerName: string | null;
};

/** A person's decision on a line; running the matcher again never overrides it. */
export type ManualState = { kind: "matched"; paymentId: number } | { kind: "unmatched" } | { kind: "ignored"; reason: string };

export type MatchLine = Pick<StatementLine, "direction" | "reversal" | "amountMinor" | "currency" | "bookingDate" | "counterpartyName">;

export type MatchInput = {
  line: MatchLine;
  manual: ManualState | null;
  /** findReferences(line), best first. */
  hits: readonly ReferenceHit[];
  /** The payments whose reference is one of the hits' (an index lookup by reference). */
  byReference: readonly MatchPayment[];
  /** For lines without a reference: payments of the line's amount and currency (an index lookup). */
  candidates: readonly MatchPayment[];
  /** The bank account's tolerance for fees taken on the way, in the line's minor units. */
  feeToleranceMinor: number;
};

type Found = { paymentId: number; reference: string; field: ReferenceField };

export type ReviewReason = "cancelled" | "expired" | "already_approved" | "currency_differs" | "ambiguous_reference";

export type Suggestion = { paymentId: number; reference: string; nameScore: number; reasons: string[] };

export type MatchDecision =
  | { kind: "keep" }
  | { kind: "skip"; reason: "debit" | "reversal" }
  /** Exactly the amount (with what was received before). `settled`: the payment is fully paid. */
  | (Found & { kind: "matched"; amountReceived: number; settled: true })
  /** Less than the amount so far. Within the fee tolerance it counts as paid (`settled`). */
  | (Found & { kind: "underpaid"; amountReceived: number; missingMinor: number; settled: boolean })
  | (Found & { kind: "overpaid"; amountReceived: number; overpaidMinor: number; settled: true })
  | (Found & { kind: "review"; reason: ReviewReason })
  | { kind: "unmatched"; suggestions: Suggestion[] };

const DAY_MS = 86_400_000;

function amountDecision(found: Found, payment: MatchPayment, line: MatchLine, toleranceMinor: number): MatchDecision {
  const amountReceived = payment.amountReceived + line.amountMinor;
  if (amountReceived === payment.amount) return { ...found, kind: "matched", amountReceived, settled: true };
  if (amountReceived > payment.amount) {
    return { ...found, kind: "overpaid", amountReceived, overpaidMinor: amountReceived - payment.amount, settled: true };
  }
  const missingMinor = payment.amount - amountReceived;
  return { ...found, kind: "underpaid", amountReceived, missingMinor, settled: missingMinor <= Math.max(0, toleranceMinor) };
}

function referenceDecision(input: MatchInput): MatchDecision | null {
  for (const hit of input.hits) {
    const payments = input.byReference.filter((p) => p.reference === hit.reference);
    if (payments.length === 0) continue;
    const payment = payments[0];
    const found: Found = { paymentId: payment.id, reference: hit.reference, field: hit.field };
    if (payments.length > 1) return { ...found, kind: "review", reason: "ambiguous_reference" };
    if (payment.status === "cancelled") return { ...found, kind: "review", reason: "cancelled" };
    if (payment.status === "expired") return { ...found, kind: "review", reason: "expired" };
    if (payment.status === "approved") return { ...found, kind: "review", reason: "already_approved" };
    if (payment.currency !== input.line.currency) return { ...found, kind: "review", reason: "currency_differs" };
    return amountDecision(found, payment, input.line, input.feeToleranceMinor);
  }
  return null;
}

/**
 * Open at the booking date: created before that day ended and not expired before it began. Booking
 * dates have no time zone, so a day of slack on each side keeps a payment made late in the evening.
 */
function openOn(payment: MatchPayment, bookingDate: string): boolean {
  const dayStart = Date.parse(`${bookingDate}T00:00:00Z`);
  return payment.createdAt < dayStart + 2 * DAY_MS && payment.expiresAt > expiredBefore(bookingDate);
}

/**
 * A payment that expired at or before this moment was not open on the booking date (see openOn): the suggestions'
 * lookup asks only for payments expiring later (db/bank/plan.ts). NaN for a date that does not parse.
 */
export function expiredBefore(bookingDate: string): number {
  return Date.parse(`${bookingDate}T00:00:00Z`) - DAY_MS;
}

/**
 * The statuses a line may be suggested for: an expired payment may still have been open when the money was booked;
 * approved and cancelled ones are done. The suggestions' lookup asks for these (db/bank/plan.ts).
 */
export const SUGGESTIBLE_STATUSES: readonly PaymentStatus[] = ["open", "submitted", "expired"];

/** Up to three payments the line could be for, never matched automatically, each saying why. */
export function suggestPayments(line: MatchLine, candidates: readonly MatchPayment[]): Suggestion[] {
  const scored = candidates
    .filter((p) => SUGGESTIBLE_STATUSES.includes(p.status))
    .filter((p) => p.currency === line.currency && p.amount - p.amountReceived === line.amountMinor)
    .filter((p) => openOn(p, line.bookingDate))
    .map((p) => {
      const nameScore = line.counterpartyName && p.customerName ? nameSimilarity(line.counterpartyName, p.customerName) : 0;
      const reasons = [
        p.amountReceived > 0 ? "the amount still missing, in the same currency" : "same amount and currency",
        p.status === "expired" ? `open on ${line.bookingDate}, expired since` : `open on ${line.bookingDate}`,
      ];
      if (nameScore >= NAMES_ALIKE) reasons.push(`payer name alike: ${p.customerName}`);
      return { paymentId: p.id, reference: p.reference, nameScore, reasons, createdAt: p.createdAt };
    });
  scored.sort((a, b) => b.nameScore - a.nameScore || b.createdAt - a.createdAt);
  return scored.slice(0, 3).map(({ paymentId, reference, nameScore, reasons }) => ({ paymentId, reference, nameScore, reasons }));
}

/**
 * The decision for one line. A person's decision is kept; outgoing money and reversals are never
 * matched; a reference found in the line decides alone; without one, only suggestions are made.
 */
export function decideLine(input: MatchInput): MatchDecision {
  if (input.manual !== null) return { kind: "keep" };
  if (input.line.reversal) return { kind: "skip", reason: "reversal" };
  if (input.line.direction !== "credit") return { kind: "skip", reason: "debit" };
  return referenceDecision(input) ?? { kind: "unmatched", suggestions: suggestPayments(input.line, input.candidates) };
}

export type BatchItem = Omit<MatchInput, "byReference" | "candidates" | "feeToleranceMinor">;

/**
 * Decides a whole import in file order, carrying each payment's received amount from line to line,
 * so an underpayment and its top-up in one file read as paid. `payments` holds every payment any
 * line's references or suggestions point to (looked up once, by index, before calling).
 */
export function decideLines(
  items: readonly BatchItem[],
  payments: readonly MatchPayment[],
  candidatesFor: (line: MatchLine) => readonly MatchPayment[],
  feeToleranceMinor: number,
): MatchDecision[] {
  const received = new Map(payments.map((p) => [p.id, p.amountReceived]));
  const byRef = new Map<string, MatchPayment[]>();
  for (const p of payments) byRef.set(p.reference, [...(byRef.get(p.reference) ?? []), p]);
  const current = (p: MatchPayment): MatchPayment => {
    const amountReceived = received.get(p.id) ?? p.amountReceived;
    // Most payments are looked at as they were read: no copy for those.
    return amountReceived === p.amountReceived ? p : { ...p, amountReceived };
  };
  return items.map((item) => {
    const decision = decideLine({
      ...item,
      byReference: item.hits.flatMap((h) => byRef.get(h.reference) ?? []).map(current),
      // Read only for a line no reference decides (most lines of a statement have one).
      get candidates() {
        return candidatesFor(item.line).map(current);
      },
      feeToleranceMinor,
    });
    if (decision.kind === "matched" || decision.kind === "underpaid" || decision.kind === "overpaid") {
      received.set(decision.paymentId, decision.amountReceived);
    }
    return decision;
  });
}
