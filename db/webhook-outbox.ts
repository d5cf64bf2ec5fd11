// The outbox of webhook events: written inside the transaction of the state change that caused them, one at a time
// (enqueuePaymentEvent) or, for a change of thousands of payments (a bank statement import), built as rows
// (webhookRow) and written together at the end (writeWebhookRows). The deliveries job (server/jobs.ts,
// server/webhook-delivery.ts) sends them afterwards; endpoints and the delivery log are in ./webhooks.
import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "./connection";
import { prepared } from "./statement-cache";
import { bulkInsert } from "./bulk-insert";
import { payments, type Payment, webhookDeliveries, webhookEndpoints, webhookEvents } from "./tables";
import type { WebhookEventType } from "@/lib/webhooks/events";
import { toApiPayment, type PaymentLineRow } from "@/lib/api/payment";
import { publicOrigin } from "@/lib/public-origin";
import { randomToken } from "@/lib/token";
import { linesOfPayment } from "./bank/payment-lines";

/** A Standard Webhooks message id: 128 random bits (lib/token, from pooled random bytes). */
export function newMsgId(): string {
  return "msg_" + randomToken();
}

// Every state change runs these: prepared once per connection (see ./statement-cache).
const ph = sql.placeholder;

const listeningEndpointsQuery = prepared((db) =>
  db.select({ id: webhookEndpoints.id, events: webhookEndpoints.events }).from(webhookEndpoints).where(eq(webhookEndpoints.enabled, true)).prepare(),
);

export type ListeningEndpoint = { id: number; events: WebhookEventType[] };

/** The enabled endpoints and the events each wants (a caller writing many events reads them once: webhookRow). */
export async function listeningEndpoints(tx: Db | Tx): Promise<ListeningEndpoint[]> {
  return listeningEndpointsQuery(tx).execute();
}

const paymentQuery = prepared((db) => db.select().from(payments).where(eq(payments.id, ph("id"))).prepare());

const insertEventQuery = prepared((db) =>
  db
    .insert(webhookEvents)
    .values({ msgId: ph("msgId"), type: ph("type"), paymentId: ph("paymentId"), payload: ph("payload"), createdAt: ph("now") })
    .returning({ id: webhookEvents.id })
    .prepare(),
);

const insertDeliveryQuery = prepared((db) =>
  db
    .insert(webhookDeliveries)
    .values({ eventId: ph("eventId"), endpointId: ph("endpointId"), status: "pending", nextAttemptAt: ph("now"), createdAt: ph("now") })
    .prepare(),
);

/** A payment's event: its kind, the payment, when, and what the caller already holds of it (see enqueuePaymentEvent). */
type PaymentEventArgs = [tx: Tx, type: WebhookEventType, paymentId: number, now: number, payment?: Payment, linesOf?: () => Promise<PaymentLineRow[]>];

/**
 * Writes one event and a pending delivery for every enabled endpoint that wants it. Call inside the state change's
 * transaction, after the change; `payment` is the row as the change left it, when the caller has it (else it is read).
 * `linesOf` gives the payment's bank lines when the caller knows them better than their rows yet do (a line being
 * matched in this transaction: db/bank/payment-effect.ts); else they are read.
 */
export async function enqueuePaymentEvent(...args: PaymentEventArgs): Promise<void> {
  const row = await webhookRow(...args);
  if (!row) return;
  const [tx, type, paymentId, now] = args;
  const { msgId, payload } = row.event;
  const [event] = await insertEventQuery(tx).execute({ msgId, type, paymentId, payload, now });
  // One row per endpoint, in the endpoints' order (as one multi-row INSERT would).
  for (const endpointId of row.endpointIds) await insertDeliveryQuery(tx).execute({ eventId: event.id, endpointId, now });
}

/** An outbox event not written yet, and the endpoints that want it; `data` is its payment's JSON (shared, see below). */
export type WebhookRow = {
  event: { msgId: string; type: WebhookEventType; paymentId: number; payload: string; createdAt: number };
  endpointIds: number[];
  data: string;
};

// The webhooks of one change (payment.submitted and payment.matched of a line that pays) carry the same payment: its
// JSON is made once, for the same row object and the same lines.
const dataJson = new WeakMap<Payment, { linesOf?: () => Promise<PaymentLineRow[]>; json: string }>();

/** What enqueuePaymentEvent writes, as a row to write later (null: nobody listens, or no such payment). */
export async function webhookRow(...[tx, type, paymentId, now, payment, linesOf, listening]: [...PaymentEventArgs, listening?: Promise<ListeningEndpoint[]>]): Promise<WebhookRow | null> {
  const endpoints = (await (listening ?? listeningEndpoints(tx))).filter((e) => e.events.includes(type));
  // Nobody listens: nothing to deliver, and no outbox row to keep.
  if (endpoints.length === 0) return null;
  const p = payment ?? (await paymentQuery(tx).execute({ id: paymentId }))[0];
  if (!p) return null;
  let data = dataJson.get(p);
  if (!data || !linesOf || data.linesOf !== linesOf) {
    const lines = await (linesOf ? linesOf() : linesOfPayment(tx, p));
    data = { linesOf, json: paymentJson(p, lines) };
    if (linesOf) dataJson.set(p, data);
  }
  const payload = webhookMessage(type, now, data.json);
  return { event: { msgId: newMsgId(), type, paymentId, payload, createdAt: now }, endpointIds: endpoints.map((e) => e.id), data: data.json };
}

/** The payment as an event's `data` carries it: the API's payment object, as JSON. */
export function paymentJson(p: Payment, lines: PaymentLineRow[]): string {
  return JSON.stringify(toApiPayment(p, lines, publicOrigin()));
}

/** An event's body, as JSON.stringify({ type, timestamp, data }) writes it; `data` is the payment's JSON. */
export function webhookMessage(type: WebhookEventType, now: number, data: string): string {
  return `{"type":${JSON.stringify(type)},"timestamp":"${new Date(now).toISOString()}","data":${data}}`;
}

/**
 * The body an event sends: its own, or, for an event stored with an empty payload, the body of the event named by its
 * data_from (the same change: the same payment, moment and data) under its own type. Both bodies begin
 * `{"type":…,"timestamp":` (webhookRow writes them so), so the result is byte for byte the body it would have stored.
 */
export function messageOf(type: string, payload: string, shared: string | null): string {
  if (payload !== "" || shared == null) return payload;
  return `{"type":${JSON.stringify(type)}${shared.slice(shared.indexOf(',"timestamp":'))}`;
}

type EventRow = WebhookRow["event"] & { dataFrom: number | null };
const insertEvents = bulkInsert<EventRow, { id: typeof webhookEvents.id; msgId: typeof webhookEvents.msgId }>(
  webhookEvents,
  ["msgId", "type", "paymentId", "payload", "createdAt", "dataFrom"],
  { id: webhookEvents.id, msgId: webhookEvents.msgId },
);

type DeliveryRow = { eventId: number; endpointId: number; status: "pending"; nextAttemptAt: number; createdAt: number };
const insertDeliveries = bulkInsert<DeliveryRow, { id: typeof webhookDeliveries.id }>(
  webhookDeliveries,
  ["eventId", "endpointId", "status", "nextAttemptAt", "createdAt"],
  { id: webhookDeliveries.id },
);

/**
 * Many outbox rows in multi-row INSERTs (a bank statement import's thousands). A line that pays a payment sends two
 * events of one change (payment.submitted and payment.matched) with the same data: the later one is stored without a
 * body, naming the first (messageOf builds its body when it is sent), which halves what such an import writes.
 */
export async function writeWebhookRows(tx: Tx, rows: readonly WebhookRow[]): Promise<void> {
  const firstOfChange = new Map<number, WebhookRow>();
  const shares = new Map<WebhookRow, WebhookRow>();
  for (const r of rows) {
    const first = firstOfChange.get(r.event.paymentId);
    if (first && first.data === r.data && first.event.createdAt === r.event.createdAt) shares.set(r, first);
    else firstOfChange.set(r.event.paymentId, r);
  }
  const idOf = new Map<string, number>();
  const own = rows.filter((r) => !shares.has(r)).map((r) => ({ ...r.event, dataFrom: null }));
  for (const e of await insertEvents(tx, own)) idOf.set(e.msgId, e.id);
  const sharing = [...shares].map(([r, first]) => ({ ...r.event, payload: "", dataFrom: idOf.get(first.event.msgId)! }));
  for (const e of await insertEvents(tx, sharing)) idOf.set(e.msgId, e.id);
  const deliveries = rows.flatMap((r) =>
    r.endpointIds.map((endpointId) => ({ eventId: idOf.get(r.event.msgId)!, endpointId, status: "pending" as const, nextAttemptAt: r.event.createdAt, createdAt: r.event.createdAt })),
  );
  await insertDeliveries(tx, deliveries);
}
