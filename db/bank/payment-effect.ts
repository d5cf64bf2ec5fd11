// What a bank statement line does to a payment, through the payment state machine: the amount received, "Found in the
// bank statement", open → submitted once it is paid, and the automatic approval an account may ask for. Each change is
// a guarded UPDATE with its event row (naming the line) and outbox rows, inside the caller's transaction.
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../connection";
import { prepared } from "../statement-cache";
import { payments, type Payment } from "../tables";
import { enqueuePayerMail } from "../email-outbox";
import { insertEvent, insertEvents, type NewPaymentEvent } from "../change-rows";
import { enqueuePaymentEvent, listeningEndpoints, webhookRow, writeWebhookRows, type ListeningEndpoint, type WebhookRow } from "../webhook-outbox";
import type { WebhookEventType } from "@/lib/webhooks/events";
import { linesOfOnePayment, type ApplyingLine } from "./payment-lines";
import { formatMoney } from "@/lib/money";
import { effectiveStatus, transitionError, type ActorType, type PaymentStatus } from "@/lib/payment-status";
import type { LineState } from "@/lib/bank/line-state";
import type { PaymentLineRow } from "@/lib/api/payment";

export type EffectActor = { type: Extract<ActorType, "bank" | "user">; id: string | null };

export type PayResult =
  | { ok: true; state: Extract<LineState, "matched" | "underpaid" | "overpaid">; payment: Payment; approved: boolean }
  | { ok: false; reason: "not_found" | "cancelled" | "expired" | "already_approved" | "currency_differs" | "changed" };

/** Which line-state a payment's received amount gives. Within the fee tolerance a shortfall counts as paid. */
export function receivedState(amount: number, received: number): "matched" | "underpaid" | "overpaid" {
  return received === amount ? "matched" : received > amount ? "overpaid" : "underpaid";
}

// An import changes thousands of payments in one transaction: its three statements are prepared once per connection.
const ph = sql.placeholder;
const raw = (name: string) => sql`${ph(name)}`;

const paymentQuery = prepared((db) => db.select().from(payments).where(eq(payments.id, ph("id"))).prepare());

// The change of a payment, guarded by the version read (every change of the row raises it, a trigger sees to that): a
// concurrent change (on PostgreSQL) makes it change nothing, and a change that happens is of exactly the row read, so
// the row it leaves is known without returning it (returning whole rows cost an import of 10,000 lines a fifth of its
// writing time). It sets only the indexed columns that change (status, submitted_at, bank_confirmed_at): every indexed
// column in the SET clause rewrites its indexes' entries, the same value or not, and a line that only tops a payment up
// changes none of them. One prepared statement per set of columns (eight at most).
type PayColumns = { status: boolean; submittedAt: boolean; confirmedAt: boolean };
const payQueries = new Map<string, ReturnType<typeof payQueryOf>>();

function payQueryOf(c: PayColumns) {
  return prepared((db) =>
    db
      .update(payments)
      .set({
        amountReceived: raw("received"),
        ...(c.confirmedAt ? { bankConfirmedAt: raw("confirmedAt") } : {}),
        ...(c.status ? { status: raw("to") } : {}),
        ...(c.submittedAt ? { submittedAt: raw("submittedAt") } : {}),
        updatedAt: raw("now"),
        version: sql`${payments.version} + 1`,
      })
      .where(and(eq(payments.id, ph("id")), eq(payments.version, ph("version"))))
      .returning({ id: payments.id })
      .prepare(),
  );
}

function payQuery(c: PayColumns) {
  const key = `${+c.status}${+c.submittedAt}${+c.confirmedAt}`;
  let q = payQueries.get(key);
  if (!q) payQueries.set(key, (q = payQueryOf(c)));
  return q;
}

type EffectEvent = { paymentId: number; actor: EffectActor; from: PaymentStatus; to: PaymentStatus; reason: string; lineId: number; now: number };

function eventRow(e: EffectEvent): NewPaymentEvent {
  return {
    paymentId: e.paymentId,
    actorType: e.actor.type,
    actorId: e.actor.id,
    fromStatus: e.from,
    toStatus: e.to,
    reason: e.reason,
    createdAt: e.now,
    bankLineId: e.lineId,
  };
}

/**
 * The event-log and webhook rows of many effects, kept to be written together at the end of the caller's transaction
 * (writeDeferred): an import of thousands of lines writes them in a few multi-row INSERTs instead of one each.
 */
export type DeferredRows = { events: NewPaymentEvent[]; webhooks: WebhookRow[]; listening?: Promise<ListeningEndpoint[]> };

export function deferredRows(): DeferredRows {
  return { events: [], webhooks: [] };
}

export async function writeDeferred(tx: Tx, rows: DeferredRows): Promise<void> {
  await insertEvents(tx, rows.events);
  await writeWebhookRows(tx, rows.webhooks);
}

/** How an effect writes its event and webhook rows: at once, or into `deferred`. */
function effectWriter(tx: Tx, deferred: DeferredRows | undefined) {
  return {
    event: async (e: EffectEvent) => (deferred ? void deferred.events.push(eventRow(e)) : insertEvent(tx, eventRow(e))),
    webhook: async (type: WebhookEventType, p: Payment, now: number, linesOf: () => Promise<PaymentLineRow[]>) => {
      if (!deferred) return enqueuePaymentEvent(tx, type, p.id, now, p, linesOf);
      // The endpoints listening are read once for all the rows (none changes inside the caller's transaction).
      deferred.listening ??= listeningEndpoints(tx);
      const row = await webhookRow(tx, type, p.id, now, p, linesOf, deferred.listening);
      if (row) deferred.webhooks.push(row);
    },
  };
}
type EffectWriter = ReturnType<typeof effectWriter>;

type PayInput = {
  paymentId: number;
  line: { id: number; amount: number; currency: string; position: string };
  /**
   * The payment's row as the caller's transaction last read or wrote it (an import holds the rows its plan read), so
   * that it is not read again; if another transaction changed it since, the guarded update misses, and the payment is
   * read and tried once more.
   */
  known?: Payment;
  /** The line's columns for the payment's webhooks, if the caller has them (see ApplyingLine). */
  lineRow?: ApplyingLine["row"];
  /** Where the event and webhook rows go when the caller writes them in bulk (an import); else they are written now. */
  deferred?: DeferredRows;
  toleranceMinor: number;
  autoApprove: boolean;
  actor: EffectActor;
  now: number;
};

/**
 * Adds a credit line's amount to a payment's amount received. Refused (nothing written) unless the payment is open or
 * submitted, not expired, in the line's currency. Once paid (within `toleranceMinor`) an open payment becomes
 * submitted and bank-confirmed; with `autoApprove`, a payment paid exactly (or within the tolerance, never overpaid)
 * is approved by the bank as well.
 */
export async function payWithLine(tx: Tx, input: PayInput): Promise<PayResult> {
  const read = async () => (await paymentQuery(tx).execute({ id: input.paymentId }))[0];
  const p = input.known ?? (await read());
  if (!p) return { ok: false, reason: "not_found" };
  const result = await payFrom(tx, p, input);
  if (result.ok || result.reason !== "changed") return result;
  // Another transaction changed the payment since `p` was read (on PostgreSQL): once more, from the row as it is now.
  const fresh = await read();
  return fresh ? payFrom(tx, fresh, input) : { ok: false, reason: "not_found" };
}

/** payWithLine from the payment's row `p`: one guarded update (nothing when `p` is no longer the row), then its rows. */
async function payFrom(tx: Tx, p: Payment, input: PayInput): Promise<PayResult> {
  const { line, now, actor } = input;
  const write = effectWriter(tx, input.deferred);
  const status = effectiveStatus(p, now);
  if (status === "cancelled" || status === "expired") return { ok: false, reason: status };
  if (status === "approved") return { ok: false, reason: "already_approved" };
  if (p.currency !== line.currency) return { ok: false, reason: "currency_differs" };

  const received = p.amountReceived + line.amount;
  const state = receivedState(p.amount, received);
  const settled = received >= p.amount - Math.max(0, input.toleranceMinor);
  const toStatus: PaymentStatus = settled && p.status === "open" ? "submitted" : p.status;
  if (toStatus !== p.status && transitionError(p.status, toStatus, "bank")) return { ok: false, reason: "changed" };

  const updated: Payment = {
    ...p,
    amountReceived: received,
    bankConfirmedAt: settled ? (p.bankConfirmedAt ?? now) : null,
    status: toStatus,
    submittedAt: toStatus === "submitted" ? (p.submittedAt ?? now) : p.submittedAt,
    updatedAt: now,
    version: p.version + 1,
  };
  const columns = {
    status: toStatus !== p.status,
    submittedAt: updated.submittedAt !== p.submittedAt,
    confirmedAt: updated.bankConfirmedAt !== p.bankConfirmedAt,
  };
  const changed = await payQuery(columns)(tx).execute({
    id: p.id,
    version: p.version,
    received,
    confirmedAt: updated.bankConfirmedAt,
    to: toStatus,
    submittedAt: updated.submittedAt,
    now,
  });
  if (changed.length === 0) return { ok: false, reason: "changed" };

  const money = (minor: number) => formatMoney(minor, p.currency, "en");
  const what =
    state === "matched"
      ? `Found in the bank statement: ${money(line.amount)} received (${line.position}).`
      : state === "overpaid"
        ? `Found in the bank statement: ${money(line.amount)} received (${line.position}); overpaid by ${money(received - p.amount)}.`
        : settled
          ? `Found in the bank statement: ${money(line.amount)} received (${line.position}); ${money(p.amount - received)} short, within the bank fee tolerance.`
          : `Found in the bank statement: ${money(line.amount)} received (${line.position}); underpaid by ${money(p.amount - received)}.`;
  await write.event({ paymentId: p.id, actor, from: p.status, to: toStatus, reason: what, lineId: line.id, now });
  // The webhooks list this line among the payment's, though its row may say so only after (the caller writes it); read
  // once for all of this line's webhooks, and only if one is written.
  const byUserId = actor.type === "user" ? Number(actor.id) : null;
  const applying: ApplyingLine = { lineId: line.id, byUserId, row: input.lineRow, first: p.amountReceived === 0 };
  let lines: Promise<PaymentLineRow[]> | undefined;
  const linesOf = () => (lines ??= linesOfOnePayment(tx, p.id, applying));
  if (toStatus !== p.status) await write.webhook("payment.submitted", updated, now, linesOf);
  await write.webhook(`payment.${state}`, updated, now, linesOf);
  // The payer hears how much is missing (once per payment), in the same transaction.
  if (state === "underpaid" && !settled) await enqueuePayerMail(tx, "underpaid", updated, now);

  if (input.autoApprove && settled && state !== "overpaid" && updated.status === "submitted") {
    const approved = await approveByBank(tx, write, updated, { lineId: line.id, actorId: actor.id, now }, linesOf);
    if (approved) return { ok: true, state, payment: approved, approved: true };
  }
  return { ok: true, state, payment: updated, approved: false };
}

/** The automatic approval a bank account may ask for, of a payment its line has just paid. */
async function approveByBank(
  tx: Tx,
  write: EffectWriter,
  p: Payment,
  at: { lineId: number; actorId: string | null; now: number },
  linesOf: () => Promise<PaymentLineRow[]>,
): Promise<Payment | null> {
  const { now } = at;
  const reason = "Approved automatically: the bank statement shows it paid.";
  const [approved] = await tx
    .update(payments)
    .set({ status: "approved", decisionReason: reason, decidedAt: now, updatedAt: now, version: sql`${payments.version} + 1` })
    .where(and(eq(payments.id, p.id), eq(payments.status, "submitted")))
    .returning();
  if (!approved) return null;
  await write.event({ paymentId: p.id, actor: { type: "bank", id: at.actorId }, from: "submitted", to: "approved", reason, lineId: at.lineId, now });
  await write.webhook("payment.approved", approved, now, linesOf);
  await enqueuePayerMail(tx, "approved", approved, now);
  return approved;
}

/**
 * Takes a line's amount off the payment it was matched to (a person's unmatch or ignore). Nothing ever returns to
 * open: a submitted payment stays submitted, but is no longer bank-confirmed when what is left does not pay it.
 */
export async function unpayLine(
  tx: Tx,
  input: { paymentId: number; line: { id: number; appliedAmount: number; position: string }; toleranceMinor: number; actor: EffectActor; now: number },
): Promise<void> {
  const { now } = input;
  const [p] = await tx.select().from(payments).where(eq(payments.id, input.paymentId));
  if (!p) return;
  const received = Math.max(0, p.amountReceived - input.line.appliedAmount);
  const settled = received > 0 && received >= p.amount - Math.max(0, input.toleranceMinor);
  await tx
    .update(payments)
    .set({ amountReceived: received, bankConfirmedAt: settled ? p.bankConfirmedAt : null, updatedAt: now, version: sql`${payments.version} + 1` })
    .where(and(eq(payments.id, p.id), eq(payments.amountReceived, p.amountReceived)));
  const reason = `Bank statement line unmatched (${input.line.position}): ${formatMoney(input.line.appliedAmount, p.currency, "en")} no longer counted.`;
  await insertEvent(tx, eventRow({ paymentId: p.id, actor: input.actor, from: p.status, to: p.status, reason, lineId: input.line.id, now }));
}
