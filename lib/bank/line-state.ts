// The states of an imported bank statement line, and who decided it.

export const DIRECTIONS = ["credit", "debit"] as const;

/**
 * matched     the line pays a payment exactly (with what it received before)
 * underpaid   it pays part of one (within the account's fee tolerance the payment counts as paid)
 * overpaid    it pays more than the payment: matched, and listed among the refunds to make; also a line a person
 *             kept to send back, for a payment that was cancelled or expired (db/bank/manual.ts keepLine)
 * review      it names a payment that cannot take it (cancelled, expired, approved, other currency); a person may
 *             keep it for that payment (keepOf)
 * suggested   no reference found; payments it may be for are suggested
 * unmatched   no reference found and nothing to suggest, or a person unmatched it
 * ignored     a person set it aside, with a reason
 * outgoing    a debit or a reversal: never matched
 */
export const LINE_STATES = ["matched", "underpaid", "overpaid", "review", "suggested", "unmatched", "ignored", "outgoing"] as const;
export type LineState = (typeof LINE_STATES)[number];

/** The states of lines that pay a payment. */
export const PAYING_STATES: readonly LineState[] = ["matched", "underpaid", "overpaid"];
/** The Unmatched inbox: lines waiting for a person. */
export const INBOX_STATES: readonly LineState[] = ["review", "suggested", "unmatched"];

export const LINE_STATE_LABELS: Record<LineState, string> = {
  matched: "Matched",
  underpaid: "Underpaid",
  overpaid: "Overpaid",
  review: "To review",
  suggested: "Suggestions",
  unmatched: "Unmatched",
  ignored: "Ignored",
  outgoing: "Outgoing",
};

export const REVIEW_REASON_TEXT: Record<string, string> = {
  cancelled: "The payment with this reference was cancelled.",
  expired: "The payment with this reference had expired.",
  already_approved: "The payment with this reference was already approved: money received twice?",
  currency_differs: "The line's currency is not the payment's.",
  ambiguous_reference: "More than one payment has this reference.",
  not_payable: "The payment cannot take money in its state.",
};

/**
 * What a person may keep a line to review for (db/bank/manual.ts keepLine), by its reason: money for a payment that was
 * cancelled or expired is sent back to the payer; money for one approved before the statement came is counted for it.
 */
export function keepOf(reason: string | null): "send_back" | "count" | null {
  if (reason === "cancelled" || reason === "expired") return "send_back";
  return reason === "already_approved" ? "count" : null;
}
