// The rows a change of a payment's status writes beside its guarded UPDATE, in the same transaction: its row in the
// event log and its webhook outbox rows (the event, and one delivery for each endpoint that wants its type; nothing when
// no endpoint does). SQLite runs them as a statement each (microseconds, in-process). On PostgreSQL every statement is
// a round trip to another process, so they are one statement there (data-modifying CTEs, prepared once per connection
// by name): a Confirm or an Approve makes four round trips instead of seven.
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Tx } from "./connection";
import { bulkInsert } from "./bulk-insert";
import { IS_POSTGRES, rawWrite } from "./dialect";
import { markHotStatement } from "./pg-statements";
import { prepared } from "./statement-cache";
import { paymentEvents, webhookDeliveries, webhookEndpoints, webhookEvents, type Payment, type PaymentEvent } from "./tables";
import { enqueuePaymentEvent, newMsgId, paymentJson, webhookMessage } from "./webhook-outbox";
import { linesOfPayment } from "./bank/payment-lines";
import type { WebhookEventType } from "@/lib/webhooks/events";

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

const insertEventRows = bulkInsert<Omit<PaymentEvent, "id">, { id: number }>(
  ["paymentId", "actorType", "actorId", "fromStatus", "toStatus", "reason", "createdAt", "bankLineId"],
  (db, rows) => db.insert(paymentEvents).values(rows as Omit<PaymentEvent, "id">[]).returning({ id: paymentEvents.id }),
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
  await rawWrite(tx, changeStatementPg(event, { msgId: newMsgId(), type, paymentId: p.id, payload, now }));
}

type OutboxEvent = { msgId: string; type: WebhookEventType; paymentId: number; payload: string; now: number };

/**
 * PostgreSQL: the event-log row, the endpoints that want `type` (enabled, `events` containing it), the outbox event
 * if any of them does, and its deliveries in the endpoints' order, in one statement. Every value is a parameter, so
 * its text is one and the same: it runs by name (./pg-statements).
 */
function changeStatementPg(e: NewPaymentEvent, w: OutboxEvent): SQL {
  const query = sql`WITH logged AS (
  INSERT INTO ${paymentEvents} (payment_id, actor_type, actor_id, from_status, to_status, reason, created_at, bank_line_id)
  VALUES (${e.paymentId}, ${e.actorType}, ${e.actorId}, ${e.fromStatus}, ${e.toStatus}, ${e.reason}, ${e.createdAt}, ${e.bankLineId ?? null})
), listening AS (
  SELECT id FROM ${webhookEndpoints} WHERE enabled AND events @> ${JSON.stringify([w.type])}::jsonb
), outbox AS (
  INSERT INTO ${webhookEvents} (msg_id, type, payment_id, payload, created_at)
  SELECT ${w.msgId}::text, ${w.type}::text, ${w.paymentId}::integer, ${w.payload}::text, ${w.now}::bigint WHERE EXISTS (SELECT 1 FROM listening)
  RETURNING id
)
INSERT INTO ${webhookDeliveries} (event_id, endpoint_id, status, next_attempt_at, created_at)
SELECT outbox.id, listening.id, 'pending', ${w.now}::bigint, ${w.now}::bigint FROM outbox CROSS JOIN listening ORDER BY listening.id`;
  if (!changeStatementMarked) {
    markHotStatement(new PgDialect().sqlToQuery(query).sql);
    changeStatementMarked = true;
  }
  return query;
}
let changeStatementMarked = false;
