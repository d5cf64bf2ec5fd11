// Webhook endpoints and the delivery log. The events themselves are written by ./webhook-outbox, inside the transaction
// of the state change that caused them; the deliveries job (server/jobs.ts, server/webhook-delivery.ts) sends them.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { writeTransaction, type Db } from "./connection";
import { IS_POSTGRES, rawRows } from "./dialect";
import {
  payments,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
  webhookEvents,
  type WebhookEndpoint,
} from "./tables";
import type { WebhookEventType } from "@/lib/webhooks/events";
import { newWebhookSecret } from "@/lib/webhooks/signing";
import { enqueueWebhookDisabledMail } from "./email-outbox";
import { messageOf, newMsgId } from "./webhook-outbox";

// ---- Endpoints ----

export async function listEndpoints(db: Db): Promise<WebhookEndpoint[]> {
  return db.select().from(webhookEndpoints).orderBy(asc(webhookEndpoints.id));
}

export async function endpointById(db: Db, id: number): Promise<WebhookEndpoint | undefined> {
  return (await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)))[0];
}

export async function createEndpoint(db: Db, input: { url: string; events: WebhookEventType[]; secret?: string }, now = Date.now()): Promise<WebhookEndpoint> {
  const [endpoint] = await writeTransaction(db, (tx) =>
    tx
      .insert(webhookEndpoints)
      .values({ url: input.url, events: input.events, secret: input.secret ?? newWebhookSecret(), enabled: true, createdAt: now, updatedAt: now })
      .returning(),
  );
  return endpoint;
}

export async function updateEndpoint(db: Db, id: number, change: { url?: string; events?: WebhookEventType[]; enabled?: boolean }, now = Date.now()): Promise<boolean> {
  const set: Partial<WebhookEndpoint> = { ...change, updatedAt: now };
  if (change.enabled) set.disabledReason = null;
  return changeEndpoint(db, id, set);
}

export async function rotateEndpointSecret(db: Db, id: number, now = Date.now()): Promise<string | null> {
  const secret = newWebhookSecret();
  return (await changeEndpoint(db, id, { secret, updatedAt: now })) ? secret : null;
}

async function changeEndpoint(db: Db, id: number, set: Partial<WebhookEndpoint>): Promise<boolean> {
  const changed = await writeTransaction(db, (tx) =>
    tx.update(webhookEndpoints).set(set).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id }),
  );
  return changed.length === 1;
}

/** Removes an endpoint and its history. */
export async function deleteEndpoint(db: Db, id: number): Promise<boolean> {
  return writeTransaction(db, async (tx) => {
    const deliveries = (await tx.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id))).map((d) => d.id);
    for (let i = 0; i < deliveries.length; i += 500) {
      await tx.delete(webhookAttempts).where(inArray(webhookAttempts.deliveryId, deliveries.slice(i, i + 500)));
    }
    await tx.delete(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id));
    return (await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id })).length === 1;
  });
}

/** A "webhook.test" event for one endpoint, so an admin can check their receiver. */
export async function enqueueTestEvent(db: Db, endpointId: number, now = Date.now()): Promise<boolean> {
  return writeTransaction(db, async (tx) => {
    const [e] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    if (!e) return false;
    const payload = JSON.stringify({ type: "webhook.test", timestamp: new Date(now).toISOString(), data: { message: "This is a test event from Direct Payments." } });
    const [event] = await tx
      .insert(webhookEvents)
      .values({ msgId: newMsgId(), type: "webhook.test", paymentId: null, payload, createdAt: now })
      .returning({ id: webhookEvents.id });
    await tx.insert(webhookDeliveries).values({ eventId: event.id, endpointId, status: "pending", nextAttemptAt: now, createdAt: now });
    return true;
  });
}

/** Sends an event to an endpoint again, as a new delivery with the same webhook-id. */
export async function resendDelivery(db: Db, deliveryId: number, now = Date.now()): Promise<boolean> {
  return writeTransaction(db, async (tx) => {
    const [d] = await tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId));
    if (!d) return false;
    await tx.insert(webhookDeliveries).values({ eventId: d.eventId, endpointId: d.endpointId, status: "pending", nextAttemptAt: now, createdAt: now });
    return true;
  });
}

// ---- Dispatch ----

export type DueDelivery = {
  id: number;
  attempts: number;
  url: string;
  secret: string;
  msgId: string;
  payload: string;
  endpointId: number;
};

/**
 * Claims due deliveries for `leaseMs`, so a crashed dispatcher's work is picked up again after the lease and two
 * dispatchers never send the same delivery at once: up to `limit` in all, oldest due first, and no more than
 * `perEndpoint` in flight for any one endpoint (counting those other dispatchers hold), so a slow receiver gets its own
 * few at a time and never holds back the rest.
 */
/** How many due deliveries a PostgreSQL claim locks and looks at, at most (the oldest first). */
const CLAIM_WINDOW = 500;

export async function claimDueDeliveries(
  db: Db,
  now: number,
  { limit = 20, perEndpoint = 4, leaseMs = 60_000 }: { limit?: number; perEndpoint?: number; leaseMs?: number } = {},
): Promise<DueDelivery[]> {
  if (limit <= 0) return [];
  return writeTransaction(db, async (tx) => {
    // PostgreSQL: instances claim at the same time, so the candidates are locked first and rows another instance has
    // locked are skipped (its lease is set before it commits). SQLite's writer runs one claim at a time.
    const candidates = IS_POSTGRES
      ? sql`candidates AS (
          SELECT d.id FROM ${webhookDeliveries} d
          WHERE d.status = 'pending' AND d.next_attempt_at <= ${now} AND (d.locked_until IS NULL OR d.locked_until <= ${now})
          ORDER BY d.next_attempt_at, d.id
          LIMIT ${CLAIM_WINDOW}
          FOR UPDATE OF d SKIP LOCKED
        ),`
      : sql`candidates AS (
          SELECT d.id FROM ${webhookDeliveries} d
          WHERE d.status = 'pending' AND d.next_attempt_at <= ${now} AND (d.locked_until IS NULL OR d.locked_until <= ${now})
        ),`;
    const claimed = await rawRows<DueDelivery & { type: string; sharedPayload: string | null }>(tx, sql`
      WITH ${candidates}
      due AS (
        SELECT d.id, d.attempts, d.endpoint_id, d.event_id, d.next_attempt_at,
               row_number() OVER (PARTITION BY d.endpoint_id ORDER BY d.next_attempt_at, d.id) AS nth
        FROM candidates c
        JOIN ${webhookDeliveries} d ON d.id = c.id
        JOIN ${webhookEndpoints} e ON e.id = d.endpoint_id
        WHERE e.enabled
      ),
      busy AS (
        SELECT endpoint_id, count(*) AS n FROM ${webhookDeliveries}
        WHERE status = 'pending' AND locked_until > ${now}
        GROUP BY endpoint_id
      )
      SELECT due.id, due.attempts, e.url, e.secret, ev.msg_id AS "msgId", ev.type, ev.payload, shared.payload AS "sharedPayload",
             e.id AS "endpointId"
      FROM due
      JOIN ${webhookEndpoints} e ON e.id = due.endpoint_id
      JOIN ${webhookEvents} ev ON ev.id = due.event_id
      LEFT JOIN ${webhookEvents} shared ON shared.id = ev.data_from
      LEFT JOIN busy ON busy.endpoint_id = due.endpoint_id
      WHERE due.nth <= ${perEndpoint} - coalesce(busy.n, 0)
      ORDER BY due.next_attempt_at, due.id
      LIMIT ${limit}
    `);
    const rows = claimed.map(({ type, sharedPayload, ...d }) => ({ ...d, payload: messageOf(type, d.payload, sharedPayload) }));
    if (rows.length) {
      await tx
        .update(webhookDeliveries)
        .set({ lockedUntil: now + leaseMs })
        .where(inArray(webhookDeliveries.id, rows.map((r) => r.id)));
    }
    return rows;
  });
}

/**
 * Gives back the claims of deliveries this process will not finish (it is shutting down): another dispatcher may send
 * them at once instead of after the lease. Only pending ones: a delivery recorded meanwhile keeps its outcome.
 */
export async function releaseDeliveryClaims(db: Db, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const released = await writeTransaction(db, (tx) =>
    tx
      .update(webhookDeliveries)
      .set({ lockedUntil: null })
      .where(and(inArray(webhookDeliveries.id, ids), eq(webhookDeliveries.status, "pending")))
      .returning({ id: webhookDeliveries.id }),
  );
  return released.length;
}

export type AttemptRecord = {
  deliveryId: number;
  endpointId: number;
  attemptedAt: number;
  statusCode: number | null;
  durationMs: number;
  responseExcerpt: string | null;
  error: string | null;
  outcome: { kind: "delivered" } | { kind: "retry"; at: number } | { kind: "give_up"; reason: "gone" | "exhausted" };
};

/** Logs one attempt and moves the delivery on: delivered, scheduled again, or failed (which disables the endpoint). */
export async function recordAttempt(db: Db, a: AttemptRecord): Promise<void> {
  await writeTransaction(db, async (tx) => {
    await tx
      .insert(webhookAttempts)
      .values({
        deliveryId: a.deliveryId,
        attemptedAt: a.attemptedAt,
        statusCode: a.statusCode,
        durationMs: a.durationMs,
        responseExcerpt: a.responseExcerpt,
        error: a.error,
      });
    const base = { attempts: sql`${webhookDeliveries.attempts} + 1`, lastAttemptAt: a.attemptedAt, lockedUntil: null };
    if (a.outcome.kind === "delivered") {
      await tx.update(webhookDeliveries).set({ ...base, status: "delivered", nextAttemptAt: null }).where(eq(webhookDeliveries.id, a.deliveryId));
    } else if (a.outcome.kind === "retry") {
      await tx.update(webhookDeliveries).set({ ...base, nextAttemptAt: a.outcome.at }).where(eq(webhookDeliveries.id, a.deliveryId));
    } else {
      await tx.update(webhookDeliveries).set({ ...base, status: "failed", nextAttemptAt: null }).where(eq(webhookDeliveries.id, a.deliveryId));
      const reason = a.outcome.reason === "gone" ? "The endpoint answered 410 Gone." : "Every retry failed.";
      const [disabled] = await tx
        .update(webhookEndpoints)
        .set({ enabled: false, disabledReason: reason, updatedAt: a.attemptedAt })
        .where(and(eq(webhookEndpoints.id, a.endpointId), eq(webhookEndpoints.enabled, true)))
        .returning({ id: webhookEndpoints.id, url: webhookEndpoints.url });
      // Only the attempt that disabled it tells the admins (others in flight find it disabled already).
      if (disabled) {
        const [d] = await tx.select({ attempts: webhookDeliveries.attempts }).from(webhookDeliveries).where(eq(webhookDeliveries.id, a.deliveryId));
        const lastError = a.error ?? (a.statusCode != null ? `HTTP ${a.statusCode}${a.responseExcerpt ? `: ${a.responseExcerpt}` : ""}` : null);
        await enqueueWebhookDisabledMail(tx, disabled, d?.attempts ?? 0, lastError, a.attemptedAt);
      }
    }
  });
}

// ---- Delivery log ----

export type EndpointHealth = { attempts: number; failures: number };

/**
 * An endpoint's last attempts (at most `last`, from its 20 latest deliveries) and how many failed: no answer, or not
 * 2xx. Bounded index reads, whatever the size of the log.
 */
export async function endpointHealth(db: Db, endpointId: number, last = 50): Promise<EndpointHealth> {
  const recent = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.id))
    .limit(20);
  const ids = (await recent).map((d) => d.id);
  if (ids.length === 0) return { attempts: 0, failures: 0 };
  const codes = await db
    .select({ statusCode: webhookAttempts.statusCode })
    .from(webhookAttempts)
    .where(inArray(webhookAttempts.deliveryId, ids))
    .orderBy(desc(webhookAttempts.id))
    .limit(last);
  return { attempts: codes.length, failures: codes.filter((c) => c.statusCode == null || c.statusCode < 200 || c.statusCode >= 300).length };
}

export async function deliveriesOfEndpoint(db: Db, endpointId: number, limit = 50) {
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      createdAt: webhookDeliveries.createdAt,
      type: webhookEvents.type,
      msgId: webhookEvents.msgId,
      paymentId: webhookEvents.paymentId,
      paymentReference: payments.reference,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .leftJoin(payments, eq(payments.id, webhookEvents.paymentId))
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit);
  const ids = rows.map((r) => r.id);
  const attempts = ids.length ? await db.select().from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, ids)).orderBy(asc(webhookAttempts.id)) : [];
  return rows.map((r) => ({ ...r, attemptLog: attempts.filter((x) => x.deliveryId === r.id) }));
}
