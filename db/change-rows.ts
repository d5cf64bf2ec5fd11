// The rows a change of a payment's status writes beside its guarded UPDATE, in the same transaction: its row in the
// event log and its webhook outbox rows (the event, and one delivery for each endpoint that wants its type; nothing when
// no endpoint does). SQLite runs them as a statement each (microseconds, in-process). On PostgreSQL every statement is
// a round trip to another process, so they are one statement there (data-modifying CTEs, prepared once per connection
// by name), and when e-mail is off the guarded UPDATE joins them, outside any transaction (changeAsSeen).
import { sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "./connection";
import { bulkInsert } from "./bulk-insert";
import { IS_POSTGRES, rawRows, rawWrite } from "./dialect";
import { hotStatement } from "./pg-statements";
import { prepared } from "./statement-cache";
import { paymentEvents, payments, webhookDeliveries, webhookEndpoints, webhookEvents, type Payment, type PaymentEvent } from "./tables";
import { enqueuePaymentEvent, newMsgId, paymentJson, webhookMessage } from "./webhook-outbox";
import { linesOfPayment } from "./bank/payment-lines";
import type { WebhookEventType } from "@/lib/webhooks/events";
import { mailIsConfigured } from "@/lib/email/config";

const ph = sql.placeholder;

const insertEventQuery = prepared((db) =>
  db
    .insert(paymentEvents)
    .values({
      paymentId: ph("paymentId"),
      actorType: ph("actorType"),
      actorId: ph("actorId"),
      fromStatus: ph("fromStatus"),
      toStatus: ph("toStatus"),
      reason: ph("reason"),
      createdAt: ph("createdAt"),
      bankLineId: ph("bankLineId"),
    })
    .prepare(),
);

export type NewPaymentEvent = Omit<PaymentEvent, "id" | "bankLineId"> & { bankLineId?: number | null };

/** One row of the event log, inside the caller's transaction; `bankLineId` when a bank statement line caused it. */
export async function insertEvent(tx: Tx, e: NewPaymentEvent): Promise<void> {
  await insertEventQuery(tx).execute({ ...e, bankLineId: e.bankLineId ?? null });
}

const insertEventRows = bulkInsert<Omit<PaymentEvent, "id">, { id: typeof paymentEvents.id }>(
  paymentEvents,
  ["paymentId", "actorType", "actorId", "fromStatus", "toStatus", "reason", "createdAt", "bankLineId"],
  { id: paymentEvents.id },
);

/** Many rows of the event log in multi-row INSERTs, in order (a bank statement import's thousands). */
export async function insertEvents(tx: Tx, events: readonly NewPaymentEvent[]): Promise<void> {
  const rows = events.map(({ paymentId, actorType, actorId, fromStatus, toStatus, reason, createdAt, bankLineId }) => ({
    paymentId, actorType, actorId, fromStatus, toStatus, reason, createdAt, bankLineId: bankLineId ?? null,
  }));
  await insertEventRows(tx, rows);
}

/** A change's event-log row and its outbox rows (see above); `p` is the payment as the change left it. */
export async function recordChange(tx: Tx, event: NewPaymentEvent, type: WebhookEventType, p: Payment): Promise<void> {
  const now = event.createdAt;
  if (!IS_POSTGRES) {
    await insertEvent(tx, event);
    await enqueuePaymentEvent(tx, type, p.id, now, p);
    return;
  }
  const payload = webhookMessage(type, now, paymentJson(p, await linesOfPayment(tx, p)));
  const changed = sql`SELECT ${p.id}::integer AS id`;
  await rawWrite(tx, changeStatementPg("rows", changed, event, { msgId: newMsgId(), type, paymentId: p.id, payload, now }));
}

/** The columns a decision or an "I have paid" sets (its version is raised besides): scalars, each a parameter. */
export type PaymentChange = Partial<
  Pick<Payment, "status" | "updatedAt" | "decisionReason" | "decidedByUserId" | "decidedAt" | "submittedAt" | "transactionId" | "receiptFile" | "receiptMime" | "receiptSize" | "receiptName" | "payerLocale">
>;

/**
 * Whether a change whose only other rows are the event log's and the outbox's may run as one statement, outside any
 * transaction (changeAsSeen): on PostgreSQL, while e-mail is off (a change's mail rows need reads of their own).
 */
export function changesInOneStatement(): boolean {
  return IS_POSTGRES && !mailIsConfigured();
}

/**
 * PostgreSQL, outside any transaction: a change of the payment `seen` (a whole row the caller has read, not
 * necessarily still current) as one statement, which commits on its own: the UPDATE guarded by the row's version,
 * and the change's event-log and outbox rows, written only if the UPDATE changed the row. Every change of a payment
 * raises its version (a trigger sees to that), so a change that happens is of exactly `seen`, and the row it leaves
 * is `seen` with `set` applied: its webhook body is built from that, without reading it back. A payment changed
 * meanwhile (another agent, another instance) makes the UPDATE change nothing and the statement write nothing; then
 * this returns null and the caller takes its transaction's path, which reads the row again and says what happened.
 * An Approve is then two round trips (its read and this) instead of four, and a Confirm, whose page read the row, one.
 */
export async function changeAsSeen(db: Db, seen: Payment, set: PaymentChange, event: NewPaymentEvent, type: WebhookEventType): Promise<Payment | null> {
  if (!IS_POSTGRES) throw new Error("changeAsSeen is PostgreSQL's: SQLite's writes go through writeTransaction");
  const after: Payment = { ...seen, ...set, version: seen.version + 1 };
  const now = event.createdAt;
  const payload = webhookMessage(type, now, paymentJson(after, await linesOfPayment(db, seen)));
  const keys = Object.keys(set).sort() as (keyof PaymentChange)[];
  const assignments = keys.map((k) => sql`${sql.identifier(payments[k].name)} = ${set[k] ?? null}`);
  const changed = sql`UPDATE ${payments} SET ${sql.join(assignments, sql`, `)}, "version" = "version" + 1
  WHERE "id" = ${seen.id} AND "version" = ${seen.version} RETURNING "id"`;
  const statement = changeStatementPg(keys.join(), changed, event, { msgId: newMsgId(), type, paymentId: seen.id, payload, now });
  const rows = await rawRows<{ id: number }>(db, statement);
  return rows.length === 1 ? after : null;
}

type OutboxEvent = { msgId: string; type: WebhookEventType; paymentId: number; payload: string; now: number };

/**
 * PostgreSQL: after `changed` (a CTE giving the id of the payment changed, or no row when nothing changed), the
 * event-log row, the endpoints that want `type` (enabled, `events` containing it), the outbox event if any of them
 * does, and its deliveries in the endpoints' order, in one statement; it answers the ids `changed` gave. Every value
 * is a parameter, so the text depends only on `shape` (which columns `changed` sets): it runs by name
 * (./pg-statements).
 */
function changeStatementPg(shape: string, changed: SQL, e: NewPaymentEvent, w: OutboxEvent): SQL {
  const query = sql`WITH changed AS (
  ${changed}
), logged AS (
  INSERT INTO ${paymentEvents} (payment_id, actor_type, actor_id, from_status, to_status, reason, created_at, bank_line_id)
  SELECT changed.id, ${e.actorType}::text, ${e.actorId}::text, ${e.fromStatus}::text, ${e.toStatus}::text, ${e.reason}::text, ${e.createdAt}::bigint, ${e.bankLineId ?? null}::integer FROM changed
), listening AS (
  SELECT id FROM ${webhookEndpoints} WHERE enabled AND events @> ${JSON.stringify([w.type])}::jsonb AND EXISTS (SELECT 1 FROM changed)
), outbox AS (
  INSERT INTO ${webhookEvents} (msg_id, type, payment_id, payload, created_at)
  SELECT ${w.msgId}::text, ${w.type}::text, ${w.paymentId}::integer, ${w.payload}::text, ${w.now}::bigint WHERE EXISTS (SELECT 1 FROM listening)
  RETURNING id
), delivered AS (
  INSERT INTO ${webhookDeliveries} (event_id, endpoint_id, status, next_attempt_at, created_at)
  SELECT outbox.id, listening.id, 'pending', ${w.now}::bigint, ${w.now}::bigint FROM outbox CROSS JOIN listening ORDER BY listening.id
)
SELECT id FROM changed`;
  return hotStatement(`change:${shape}`, query);
}
