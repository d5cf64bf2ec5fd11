// The common shape of a parsed bank statement (camt or CSV), its totals, balance check and duplicate keys.
import { createHash } from "node:crypto";
import { parseSignedDecimal, type AmountError } from "../money";

export type Direction = "credit" | "debit";

export type StatementLine = {
  /** Where the line is in the file: the CSV row number, or the XML line of the entry / transaction. */
  lineNo: number;
  /** How a person finds it in the file: "line 14", "entry 3", "entry 3, transaction 2". */
  position: string;
  /** Always positive, in the currency's minor units; the direction says which way the money went. */
  amountMinor: number;
  currency: string;
  direction: Direction;
  /** The bank booked this to undo an earlier entry; never matched to a payment. */
  reversal: boolean;
  /** ISO YYYY-MM-DD. */
  bookingDate: string;
  valueDate: string | null;
  /** The bank's own id for the line (camt AcctSvcrRef, a CSV "transaction id" column). */
  bankRef: string | null;
  endToEndId: string | null;
  /** Structured creditor reference (camt RmtInf/Strd/CdtrRefInf/Ref). */
  structuredRef: string | null;
  /** Free remittance text (camt RmtInf/Ustrd, a CSV memo column). */
  remittanceText: string | null;
  /** The payer for a credit, the payee for a debit. */
  counterpartyName: string | null;
  counterpartyAccount: string | null;
  /** What the payer sent when the bank converted it (camt AmtDtls/InstdAmt in another currency). */
  instructedAmount: { amountMinor: number; currency: string } | null;
};

/** A balance as the bank states it: negative when overdrawn. */
export type Balance = { amountMinor: number; currency: string; date: string | null };

export type StatementFormat = "camt.052" | "camt.053" | "camt.054" | "csv";

export type ParsedStatement = {
  format: StatementFormat;
  /** IBAN or other account number as the file gives it, or null (CSV exports rarely say). */
  account: string | null;
  currency: string | null;
  /** The bank's statement/notification id (camt Stmt/Id), or null. */
  statementId: string | null;
  openingBalance: Balance | null;
  closingBalance: Balance | null;
  lines: StatementLine[];
};

/** A problem that refuses the whole file; `lineNo` 0 means the file as a whole. */
export type LineError = { lineNo: number; message: string };

/** Nothing partial: either every statement in the file, or every error found. */
export type ParseResult = { ok: true; statements: ParsedStatement[] } | { ok: false; errors: LineError[] };

function amountProblem(raw: string, error: AmountError | "zero", currency: string): string {
  const shown = JSON.stringify(raw.trim());
  switch (error) {
    case "zero":
      return `the amount ${shown} is zero`;
    case "unknown_currency":
      return `${JSON.stringify(currency)} is not a currency we know`;
    case "too_many_decimals":
      return `the amount ${shown} has more decimals than ${currency} allows`;
    case "too_large":
      return `the amount ${shown} is too large`;
    default:
      return raw.trim() === "" ? "the amount is missing" : `the amount ${shown} is not readable`;
  }
}

/**
 * A statement amount (decimal point, optional sign) to minor units, or the reason it cannot be one.
 * Zero is refused: a zero line is either a bank's placeholder or a parse of the wrong column.
 */
export function statementAmount(raw: string, currency: string): { ok: true; minor: number } | { ok: false; problem: string } {
  const parsed = parseSignedDecimal(raw, currency);
  if (!parsed.ok) return { ok: false, problem: amountProblem(raw, parsed.error, currency) };
  if (parsed.minor === 0) return { ok: false, problem: amountProblem(raw, "zero", currency) };
  return { ok: true, minor: parsed.minor };
}

export type CurrencyTotals = { credits: number; debits: number; creditCount: number; debitCount: number };

function toSafe(n: bigint): number {
  if (n > BigInt(Number.MAX_SAFE_INTEGER) || n < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError("Statement total beyond the exact integer range");
  }
  return Number(n);
}

/** Credits and debits per currency (a statement may hold lines in more than one). */
export function statementTotals(lines: readonly StatementLine[]): Record<string, CurrencyTotals> {
  const sums = new Map<string, { credits: bigint; debits: bigint; creditCount: number; debitCount: number }>();
  for (const line of lines) {
    const t = sums.get(line.currency) ?? { credits: 0n, debits: 0n, creditCount: 0, debitCount: 0 };
    if (line.direction === "credit") {
      t.credits += BigInt(line.amountMinor);
      t.creditCount++;
    } else {
      t.debits += BigInt(line.amountMinor);
      t.debitCount++;
    }
    sums.set(line.currency, t);
  }
  const out: Record<string, CurrencyTotals> = {};
  for (const [currency, t] of sums) {
    out[currency] = { credits: toSafe(t.credits), debits: toSafe(t.debits), creditCount: t.creditCount, debitCount: t.debitCount };
  }
  return out;
}

export type BalanceCheck =
  | { status: "absent" }
  | { status: "ok" }
  | { status: "mismatch"; expectedClosing: number; statedClosing: number; currency: string };

/** opening + credits − debits = closing, in exact integers, over the lines in the balances' currency. */
export function checkBalances(statement: ParsedStatement): BalanceCheck {
  const { openingBalance: open, closingBalance: close } = statement;
  if (!open || !close || open.currency !== close.currency) return { status: "absent" };
  let sum = BigInt(open.amountMinor);
  for (const line of statement.lines) {
    if (line.currency !== open.currency) continue;
    sum += line.direction === "credit" ? BigInt(line.amountMinor) : -BigInt(line.amountMinor);
  }
  if (sum === BigInt(close.amountMinor)) return { status: "ok" };
  return { status: "mismatch", expectedClosing: toSafe(sum), statedClosing: close.amountMinor, currency: open.currency };
}

/** sha256 of the file's bytes, hex: the same file uploaded twice is refused by this. */
export function fileHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function contentKey(line: StatementLine): string {
  const text = [line.structuredRef, line.endToEndId, line.remittanceText].map((s) => s ?? "").join("\u001f");
  const party = [line.counterpartyName, line.counterpartyAccount].map((s) => s ?? "").join("\u001f");
  return [line.bookingDate, line.direction, line.amountMinor, line.currency, text, party].join("\u001e");
}

/**
 * One key per line, for skipping lines an overlapping statement already brought in: the bank's own id
 * when it gives one, else a hash of the content plus the line's position among identical lines of this
 * file — so two genuine equal payments on one day stay two lines, and importing them again adds none.
 * Keys are unique within a bank account, not globally: store them beside the account.
 */
export function lineDedupKeys(lines: readonly StatementLine[]): string[] {
  const seen = new Map<string, number>();
  const seenRefs = new Map<string, number>();
  return lines.map((line) => {
    if (line.bankRef) {
      // A bank that repeats one id within a file must not make its second line vanish.
      const n = seenRefs.get(line.bankRef) ?? 0;
      seenRefs.set(line.bankRef, n + 1);
      return n === 0 ? `ref:${line.bankRef}` : `ref:${line.bankRef}#${n + 1}`;
    }
    const content = contentKey(line);
    const occurrence = seen.get(content) ?? 0;
    seen.set(content, occurrence + 1);
    return `sha256:${createHash("sha256").update(`${content}\u001d${occurrence}`).digest("hex")}`;
  });
}
