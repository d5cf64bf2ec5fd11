// The payer's "I have paid" form: its rules, shared by the route handler that takes the post
// (app/(public)/pay/[token]/confirm/route.ts) and the form's script, which checks the same before posting. Errors
// travel back to the page without JavaScript as ?error=<codes>[&tx=<what was typed>] (codes, one per field, joined
// by commas), so the message stands beside its field and the typed transaction ID stays in the box.
import type { ReceiptMode } from "./method-kinds";
import { MAX_RECEIPT_BYTES, type ReceiptCheck, RECEIPT_TYPES } from "./receipt";

export type TransactionIdError = "tx-required" | "tx-long";
export type ReceiptFieldError = "receipt-required" | "receipt-type" | "receipt-size" | "receipt-again";
export type ConfirmErrors = { transactionId?: TransactionIdError; receipt?: ReceiptFieldError };

export const TRANSACTION_ID_MAX = 100;
/** What comes back in the URL to be shown again is cut here (the box itself takes 200). */
export const TYPED_MAX = 200;

const TX_ERRORS: readonly string[] = ["tx-required", "tx-long"] satisfies TransactionIdError[];
const RECEIPT_ERRORS: readonly string[] = ["receipt-required", "receipt-type", "receipt-size", "receipt-again"] satisfies ReceiptFieldError[];

/** The file box's `accept`: the receipt types as browsers name them; the server checks the bytes (lib/receipt.ts). */
export const RECEIPT_ACCEPT = RECEIPT_TYPES.map((t) => t.mime).join(",");

export type ConfirmRules = { requiresTransactionId: boolean; receipt: ReceiptMode };

/**
 * The form's errors. `receipt` is null when no file was sent, else the check of the file (by its bytes on the server,
 * by the browser's type and size in the page's script). A good receipt sent along with another field's error cannot
 * be put back into the file box by anyone, so the payer is asked to choose it again.
 */
export function confirmErrors(rules: ConfirmRules, transactionId: string, receipt: ReceiptCheck | null): ConfirmErrors {
  const errors: ConfirmErrors = {};
  if (rules.requiresTransactionId && !transactionId) errors.transactionId = "tx-required";
  else if (transactionId.length > TRANSACTION_ID_MAX) errors.transactionId = "tx-long";
  if (rules.receipt !== "off") {
    if (receipt && !receipt.ok) {
      if (receipt.error === "too_large") errors.receipt = "receipt-size";
      else if (receipt.error === "bad_type") errors.receipt = "receipt-type";
      else if (rules.receipt === "required") errors.receipt = "receipt-required";
    } else if (!receipt && rules.receipt === "required") errors.receipt = "receipt-required";
    if (errors.transactionId && !errors.receipt && receipt?.ok) errors.receipt = "receipt-again";
  }
  return errors;
}

export function hasErrors(e: ConfirmErrors): boolean {
  return Boolean(e.transactionId || e.receipt);
}

/** The ?error= value: "tx-required", "receipt-type", "tx-long,receipt-again", … */
export function encodeConfirmErrors(e: ConfirmErrors): string {
  return [e.transactionId, e.receipt].filter(Boolean).join(",");
}

/** Reads ?error= back; null unless it is exactly a list of known codes, at most one per field. */
export function decodeConfirmErrors(s: string | null | undefined): ConfirmErrors | null {
  if (!s || s.length > 40) return null;
  const errors: ConfirmErrors = {};
  for (const code of s.split(",")) {
    if (TX_ERRORS.includes(code) && !errors.transactionId) errors.transactionId = code as TransactionIdError;
    else if (RECEIPT_ERRORS.includes(code) && !errors.receipt) errors.receipt = code as ReceiptFieldError;
    else return null;
  }
  return errors;
}

/** The browser's view of a chosen file, for the page's script: its claimed type and its size. */
export function checkChosenFile(file: { size: number; type: string } | null): ReceiptCheck | null {
  if (!file || file.size === 0) return null;
  if (file.size > MAX_RECEIPT_BYTES) return { ok: false, error: "too_large" };
  const type = RECEIPT_TYPES.find((t) => t.mime === file.type);
  return type ? { ok: true, ...type } : { ok: false, error: "bad_type" };
}
