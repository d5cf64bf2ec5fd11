// A person's decisions on statement lines — match, unmatch, ignore, keep — which the matcher never overrides; running
// the matcher again over the lines nobody decided; and approving every bank-confirmed payment at once.
import { and, asc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { writeTransaction, type Db, type Tx } from "../connection";
import { decidePayment } from "../payments";
import { bankAccounts, bankStatementLines, payments, statusIs, type BankStatementLine } from "../tables";
import { payWithLine, receivedState, unpayLine } from "./payment-effect";
import { insertEvent } from "../change-rows";
import { enqueuePaymentEvent } from "../webhook-outbox";
import { formatMoney } from "@/lib/money";
import { effectiveStatus } from "@/lib/payment-status";
import { planLines, stateOf } from "./plan";
import { INBOX_STATES, PAYING_STATES, REVIEW_REASON_TEXT } from "@/lib/bank/line-state";
import { normalizeReference } from "@/lib/reference";
import type { StatementLine } from "@/lib/bank/statement";

export type ManualResult = { ok: true } | { ok: false; message: string };

async function lineAndAccount(tx: Tx, lineId: number) {
  const [line] = await tx.select().from(bankStatementLines).where(eq(bankStatementLines.id, lineId));
  if (!line) return null;
  const [account] = await tx.select().from(bankAccounts).where(eq(bankAccounts.id, line.bankAccountId));
  return account ? { line, account } : null;
}

async function takeBack(tx: Tx, line: BankStatementLine, toleranceMinor: number, userId: number, now: number) {
  if (!PAYING_STATES.includes(line.state) || line.paymentId === null) return;
  await unpayLine(tx, {
    paymentId: line.paymentId,
    line: { id: line.id, appliedAmount: line.appliedAmount, position: line.position },
    toleranceMinor,
    actor: { type: "user", id: String(userId) },
    now,
  });
}

/** A person matches a credit line to a payment, named by its reference. */
export async function matchLine(db: Db, input: { lineId: number; reference: string; userId: number; now?: number }): Promise<ManualResult> {
  const now = input.now ?? Date.now();
  const reference = normalizeReference(input.reference);
  if (reference === null) return { ok: false, message: "Enter a payment reference like ABCD-EFGH (its last symbol must check)." };
  return writeTransaction(db, async (tx) => {
    const found = await lineAndAccount(tx, input.lineId);
    if (!found) return { ok: false, message: "This statement line no longer exists." };
    const { line, account } = found;
    if (line.direction !== "credit" || line.reversal) return { ok: false, message: "Only incoming money can pay a payment." };
    const [payment] = await tx.select({ id: payments.id }).from(payments).where(eq(payments.reference, reference));
    if (!payment) return { ok: false, message: "No payment has this reference." };
    if (PAYING_STATES.includes(line.state)) {
      if (line.paymentId === payment.id) return { ok: true };
      return { ok: false, message: "This line already pays another payment: unmatch it first." };
    }
    const paid = await payWithLine(tx, {
      paymentId: payment.id,
      line: { id: line.id, amount: line.amount, currency: line.currency, position: line.position },
      toleranceMinor: account.feeTolerance,
      autoApprove: false,
      actor: { type: "user", id: String(input.userId) },
      now,
    });
    if (!paid.ok) return { ok: false, message: REVIEW_REASON_TEXT[paid.reason] ?? "The payment changed meanwhile: try again." };
    await tx
      .update(bankStatementLines)
      .set({ state: paid.state, paymentId: payment.id, appliedAmount: line.amount, foundReference: reference, foundIn: "person", reason: null, suggestions: null, decidedByUserId: input.userId, decidedAt: now })
      .where(eq(bankStatementLines.id, line.id));
    return { ok: true };
  });
}

/**
 * Takes a line off its payment (if any) and leaves it in the state `after` gives, as a person's decision, in one
 * transaction: the shared step of unmatch and ignore.
 */
async function releaseLine(
  db: Db,
  input: { lineId: number; userId: number; now?: number },
  after: (line: BankStatementLine) => { state: "unmatched" | "outgoing" | "ignored"; reason: string | null },
): Promise<ManualResult> {
  const now = input.now ?? Date.now();
  return writeTransaction(db, async (tx) => {
    const found = await lineAndAccount(tx, input.lineId);
    if (!found) return { ok: false, message: "This statement line no longer exists." };
    const { line, account } = found;
    await takeBack(tx, line, account.feeTolerance, input.userId, now);
    await tx
      .update(bankStatementLines)
      .set({ ...after(line), paymentId: null, appliedAmount: 0, suggestions: null, decidedByUserId: input.userId, decidedAt: now })
      .where(eq(bankStatementLines.id, line.id));
    return { ok: true };
  });
}

/** A person takes a line off its payment (or from review): it stays unmatched, whatever the matcher would say. */
export async function unmatchLine(db: Db, input: { lineId: number; userId: number; now?: number }): Promise<ManualResult> {
  return releaseLine(db, input, (line) => ({
    state: line.direction === "credit" && !line.reversal ? "unmatched" : "outgoing",
    reason: null,
  }));
}

/** A person sets a line aside with a reason (a refund sent back, a transfer between own accounts). */
export async function ignoreLine(db: Db, input: { lineId: number; reason: string; userId: number; now?: number }): Promise<ManualResult> {
  const reason = input.reason.trim();
  if (reason === "") return { ok: false, message: "Say why the line is ignored." };
  return releaseLine(db, input, () => ({ state: "ignored", reason: reason.slice(0, 500) }));
}

function asStatementLine(l: BankStatementLine): StatementLine {
  return {
    lineNo: l.lineNo,
    position: l.position,
    amountMinor: l.amount,
    currency: l.currency,
    direction: l.direction,
    reversal: l.reversal,
    bookingDate: l.bookingDate,
    valueDate: l.valueDate,
    bankRef: l.bankRef,
    endToEndId: l.endToEndId,
    structuredRef: l.structuredRef,
    remittanceText: l.remittanceText,
    counterpartyName: l.counterpartyName,
    counterpartyAccount: l.counterpartyAccount,
    instructedAmount: null,
  };
}

/**
 * The matcher again, over the inbox lines no person has decided (new payments may have been created since): returns
 * how many lines now pay a payment. Lines a person matched, unmatched or ignored are never read here.
 */
export async function rematchInbox(db: Db, now = Date.now(), limit = 1000): Promise<number> {
  return writeTransaction(db, async (tx) => {
    const rows = await tx
      .select()
      .from(bankStatementLines)
      .where(and(inArray(bankStatementLines.state, [...INBOX_STATES]), isNull(bankStatementLines.decidedByUserId)))
      .orderBy(asc(bankStatementLines.id))
      .limit(limit);
    let paid = 0;
    const byAccount = new Map<number, BankStatementLine[]>();
    for (const r of rows) byAccount.set(r.bankAccountId, [...(byAccount.get(r.bankAccountId) ?? []), r]);
    for (const [accountId, lines] of byAccount) {
      const [account] = await tx.select().from(bankAccounts).where(eq(bankAccounts.id, accountId));
      if (!account) continue;
      // Planned as fresh lines: their own keys are known, so the plan's duplicate check is bypassed by a fake account id.
      const plan = await planLines(tx, { id: -1, feeTolerance: account.feeTolerance }, lines.map(asStatementLine), now);
      for (const [i, p] of plan.lines.entries()) {
        const line = lines[i];
        const d = p.decision!;
        if (d.kind === "matched" || d.kind === "underpaid" || d.kind === "overpaid") {
          const r = await payWithLine(tx, {
            paymentId: d.paymentId,
            line: { id: line.id, amount: line.amount, currency: line.currency, position: line.position },
            toleranceMinor: account.feeTolerance,
            autoApprove: account.autoApprove,
            actor: { type: "bank", id: `statement:${line.statementId}` },
            now,
          });
          if (r.ok) {
            paid++;
            await tx
              .update(bankStatementLines)
              .set({ state: r.state, paymentId: d.paymentId, appliedAmount: line.amount, foundReference: d.reference, foundIn: d.field, reason: null, suggestions: null })
              .where(and(eq(bankStatementLines.id, line.id), isNull(bankStatementLines.decidedByUserId)));
          }
          continue;
        }
        const state = stateOf(d) ?? line.state;
        await tx
          .update(bankStatementLines)
          .set({
            state,
            paymentId: d.kind === "review" ? d.paymentId : null,
            reason: d.kind === "review" ? d.reason : null,
            suggestions: d.kind === "unmatched" && d.suggestions.length > 0 ? d.suggestions : null,
          })
          .where(and(eq(bankStatementLines.id, line.id), isNull(bankStatementLines.decidedByUserId)));
      }
    }
    return paid;
  });
}

/** Approves every submitted payment a bank statement confirmed, each through the usual guarded decision. */
export async function approveBankConfirmed(db: Db, input: { userId: number; now?: number }): Promise<number> {
  const rows = await db
    .select({ id: payments.id })
    .from(payments)
    .where(and(statusIs("submitted"), isNotNull(payments.bankConfirmedAt)))
    .orderBy(asc(payments.submittedAt), asc(payments.id))
    .limit(500);
  let approved = 0;
  for (const r of rows) {
    const result = await decidePayment(db, {
      paymentId: r.id,
      decision: "approve",
      reason: "Found in the bank statement.",
      actor: { type: "user", id: String(input.userId) },
      userId: input.userId,
      now: input.now,
    });
    if (result.ok) approved++;
  }
  return approved;
}

/**
 * A person keeps a line the matcher left to review because its payment can no longer take money. For a cancelled or
 * expired payment it is the payer's to get back: it counts towards the amount received, all of it a refund to make
 * (state overpaid), without reopening the payment. For an approved one (approved before the statement was imported) it
 * is that payment's money: matched, underpaid or overpaid as the amount received then says. Either way with an event
 * and the webhook of its state; an unmatch takes it off again.
 */
export async function keepLine(db: Db, input: { lineId: number; userId: number; now?: number }): Promise<{ ok: true; sentBack: boolean } | Extract<ManualResult, { ok: false }>> {
  const now = input.now ?? Date.now();
  const refused = { ok: false, message: "Only a line that names a cancelled, expired or approved payment, in its currency, can be kept for it." } as const;
  return writeTransaction(db, async (tx) => {
    const [line] = await tx.select().from(bankStatementLines).where(eq(bankStatementLines.id, input.lineId));
    if (!line || line.state !== "review" || line.paymentId === null || line.direction !== "credit" || line.reversal) return refused;
    const [p] = await tx.select().from(payments).where(eq(payments.id, line.paymentId));
    const status = p ? effectiveStatus(p, now) : null;
    if (!p || (status !== "cancelled" && status !== "expired" && status !== "approved") || p.currency !== line.currency) return refused;
    const received = p.amountReceived + line.amount;
    const state = status === "approved" ? receivedState(p.amount, received) : "overpaid";
    const changed = await tx
      .update(payments)
      .set({ amountReceived: received, updatedAt: now, version: sql`${payments.version} + 1` })
      .where(and(eq(payments.id, p.id), eq(payments.version, p.version)))
      .returning({ id: payments.id });
    if (changed.length === 0) return { ok: false, message: "The payment changed meanwhile: try again." };
    await tx
      .update(bankStatementLines)
      .set({ state, appliedAmount: line.amount, reason: null, suggestions: null, foundIn: line.foundIn ?? "person", decidedByUserId: input.userId, decidedAt: now })
      .where(eq(bankStatementLines.id, line.id));
    const money = (minor: number) => formatMoney(minor, p.currency, "en");
    const got = `${money(line.amount)} received (${line.position})`;
    const reason =
      status !== "approved"
        ? `Bank statement line kept to send back: ${got} for a payment that was ${status}.`
        : `Bank statement line counted for the approved payment: ${got}` +
          (state === "overpaid" ? `; overpaid by ${money(received - p.amount)}: a refund to make.` : state === "underpaid" ? `; ${money(p.amount - received)} short.` : ".");
    await insertEvent(tx, { paymentId: p.id, actorType: "user", actorId: String(input.userId), fromStatus: p.status, toStatus: p.status, reason, createdAt: now, bankLineId: line.id });
    await enqueuePaymentEvent(tx, `payment.${state}`, p.id, now);
    return { ok: true, sentBack: status !== "approved" };
  });
}
