// Planning an import: which lines are new (not brought in by an overlapping statement) and what the matcher decides
// for each, with index lookups only: lines by (account, dedup key), payments by reference, suggestions by
// (currency, amount, expiry). Reads nothing else, writes nothing; db/bank/import.ts writes what it plans.
import { and, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { prepared } from "../statement-cache";
import type { Db, Tx } from "../connection";
import { bankStatementLines, payments, type BankAccount, type Payment } from "../tables";
import { decideLines, expiredBefore, SUGGESTIBLE_STATUSES, type MatchDecision, type MatchLine, type MatchPayment } from "@/lib/bank/match";
import { findReferences, type ReferenceHit } from "@/lib/bank/reference-search";
import { lineDedupKeys, type StatementLine } from "@/lib/bank/statement";
import type { LineState } from "@/lib/bank/line-state";
import { effectiveStatus } from "@/lib/payment-status";

const CHUNK = 500;
/** How many payments of one amount and currency are looked at for suggestions (the newest). */
const CANDIDATES_PER_AMOUNT = 50;

export type PlannedLine = {
  line: StatementLine;
  dedupKey: string;
  /** Already imported into this account (an overlapping statement): skipped. */
  duplicate: boolean;
  hits: ReferenceHit[];
  /** Null for a duplicate. */
  decision: MatchDecision | null;
};

export type PlanSummary = Record<LineState | "duplicate", number>;

/**
 * `payments`: the rows the lines' references name, whole and as read inside the caller's transaction, so that the
 * import's effects start from them instead of reading each payment again.
 */
export type Plan = { lines: PlannedLine[]; summary: PlanSummary; payments: Map<number, Payment> };

/**
 * The values in chunks of CHUNK, each as the placeholder values of a prepared lookup of CHUNK keys (v0 … v499): a
 * shorter last chunk repeats its first value, which an IN list takes once. Built once per connection, a lookup of 9,000
 * payments by reference runs 18 times without building its SQL again.
 */
function chunks(items: string[]): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    const part: Record<string, string> = {};
    for (let j = 0; j < CHUNK; j++) part[`v${j}`] = items[i + j < items.length ? i + j : i];
    out.push(part);
  }
  return out;
}

const keyPlaceholders = Array.from({ length: CHUNK }, (_, j) => sql.placeholder(`v${j}`));

const paymentColumns = {
  id: payments.id,
  reference: payments.reference,
  status: payments.status,
  amount: payments.amount,
  currency: payments.currency,
  amountReceived: payments.amountReceived,
  createdAt: payments.createdAt,
  expiresAt: payments.expiresAt,
  customerName: payments.customerName,
};

function asMatchPayment(row: MatchPayment, now: number): MatchPayment {
  const { id, reference, amount, currency, amountReceived, createdAt, expiresAt, customerName } = row;
  return { id, reference, amount, currency, amountReceived, createdAt, expiresAt, customerName, status: effectiveStatus(row, now) };
}

/** The line-state a decision gives. */
export function stateOf(decision: MatchDecision): LineState | null {
  switch (decision.kind) {
    case "keep":
      return null;
    case "skip":
      return "outgoing";
    case "unmatched":
      return decision.suggestions.length > 0 ? "suggested" : "unmatched";
    default:
      return decision.kind;
  }
}

export function emptySummary(): PlanSummary {
  return { matched: 0, underpaid: 0, overpaid: 0, review: 0, suggested: 0, unmatched: 0, ignored: 0, outgoing: 0, duplicate: 0 };
}

type Param<T> = T | ReturnType<typeof sql.placeholder>;

// The plan's three lookups, as queries (the bench explains their plans: each must be an index lookup).

/** Which of these dedup keys the account already has. */
export function knownKeysQuery(db: Db | Tx, accountId: Param<number>, keys: Param<string>[]) {
  return db
    .select({ key: bankStatementLines.dedupKey })
    .from(bankStatementLines)
    .where(and(eq(bankStatementLines.bankAccountId, accountId), inArray(bankStatementLines.dedupKey, keys)));
}

/** The payments with these references (the unique index on reference), whole: the import pays them from these rows. */
export function paymentsByReferenceQuery(db: Db | Tx, references: Param<string>[]) {
  return db.select().from(payments).where(inArray(payments.reference, references));
}

/**
 * The newest payments of one amount and currency that may still take money and expire after `expiresAfter` (the
 * others were not open on the lines' booking dates): suggestions for a line without a reference. The index holds
 * (currency, amount, expires_at), so the lookup reads only payments of that amount still open on the statement's
 * days, and sorts those few by id, not every payment of that amount ever made.
 */
export function candidatesQuery(db: Db | Tx, currency: Param<string>, amount: Param<number>, expiresAfter: Param<number>) {
  return db
    .select(paymentColumns)
    .from(payments)
    .where(
      and(
        eq(payments.currency, currency),
        eq(payments.amount, amount),
        gt(payments.expiresAt, expiresAfter),
        inArray(payments.status, [...SUGGESTIBLE_STATUSES]),
      ),
    )
    .orderBy(desc(payments.id))
    .limit(CANDIDATES_PER_AMOUNT);
}

// Built once per connection: the two lookups by key, CHUNK keys at a time, and the suggestions' (a statement with a
// thousand lines without a reference asks once per amount).
const knownKeysPrepared = prepared((db) => knownKeysQuery(db, sql.placeholder("accountId"), keyPlaceholders).prepare());
const paymentsByReferencePrepared = prepared((db) => paymentsByReferenceQuery(db, keyPlaceholders).prepare());
const candidatesPrepared = prepared((db) =>
  candidatesQuery(db, sql.placeholder("currency"), sql.placeholder("amount"), sql.placeholder("expiresAfter")).prepare(),
);

/** Looks up the payments the lines' references name and the suggestion candidates, and decides every new line. */
export async function planLines(db: Db | Tx, account: Pick<BankAccount, "id" | "feeTolerance">, lines: StatementLine[], now = Date.now()): Promise<Plan> {
  const keys = lineDedupKeys(lines);
  const known = new Set<string>();
  for (const part of chunks([...new Set(keys)])) {
    for (const r of await knownKeysPrepared(db).execute({ ...part, accountId: account.id })) known.add(r.key);
  }

  const fresh = lines.map((line, i) => ({ line, dedupKey: keys[i], duplicate: known.has(keys[i]), hits: findReferences(line) }));
  const matchable = fresh.filter((f) => !f.duplicate && f.line.direction === "credit" && !f.line.reversal);

  const byId = new Map<number, MatchPayment>();
  const named = new Map<number, Payment>();
  const refs = [...new Set(matchable.flatMap((f) => f.hits.map((h) => h.reference)))];
  for (const part of chunks(refs)) {
    for (const row of await paymentsByReferencePrepared(db).execute(part)) {
      named.set(row.id, row);
      byId.set(row.id, asMatchPayment(row, now));
    }
  }
  const knownRefs = new Set([...byId.values()].map((p) => p.reference));

  // Suggestions only for lines whose references name no payment: payments of the same amount and currency.
  const candidateKey = (l: MatchLine) => `${l.currency}|${l.amountMinor}`;
  const candidates = new Map<string, MatchPayment[]>();
  // One bound for every amount: what expired before the earliest booking date's bound was open on none of them.
  const expiresAfter = matchable.reduce((min, f) => {
    const bound = expiredBefore(f.line.bookingDate);
    return Number.isFinite(bound) && bound < min ? bound : min;
  }, Number.MAX_SAFE_INTEGER);
  for (const f of matchable) {
    if (f.hits.some((h) => knownRefs.has(h.reference))) continue;
    const key = candidateKey(f.line);
    if (candidates.has(key)) continue;
    const rows = await candidatesPrepared(db).execute({ currency: f.line.currency, amount: f.line.amountMinor, expiresAfter });
    const list = rows.map((r) => asMatchPayment(r, now));
    for (const p of list) byId.set(p.id, p);
    candidates.set(key, list);
  }

  const decided = decideLines(
    fresh.filter((f) => !f.duplicate).map((f) => ({ line: f.line, manual: null, hits: f.hits })),
    [...byId.values()],
    (line) => candidates.get(candidateKey(line)) ?? [],
    account.feeTolerance,
  );
  const summary = emptySummary();
  let next = 0;
  const planned: PlannedLine[] = fresh.map((f) => {
    if (f.duplicate) {
      summary.duplicate++;
      return { ...f, decision: null };
    }
    const decision = decided[next++];
    const state = stateOf(decision);
    if (state) summary[state]++;
    return { ...f, decision };
  });
  return { lines: planned, summary, payments: named };
}
