// Delivers the webhook outbox, as one of the background jobs (server/jobs.ts): claims due deliveries, signs and POSTs
// them, records each attempt, schedules retries. State changes kick the job so the first attempt is immediate. Each
// delivery runs on its own: a free slot is filled as soon as any delivery ends, so a slow receiver holds only its own
// few slots (claimDueDeliveries' perEndpoint), never another endpoint's events.
import type { Db } from "@/db/client";
import { claimDueDeliveries, recordAttempt, releaseDeliveryClaims, type DueDelivery } from "@/db/webhooks";
import { privateTargetsAllowed } from "@/lib/webhooks/address";
import { afterAttempt } from "@/lib/webhooks/retry";
import { webhookHeaders } from "@/lib/webhooks/signing";
import { logger } from "./logger";
import { postWebhook, type Resolver } from "./webhook-request";

const TIMEOUT_MS = 15_000;
/** Requests in flight from this process, in all and to one endpoint (across processes, counted by lease). */
const MAX_IN_FLIGHT = 32;
const MAX_IN_FLIGHT_PER_ENDPOINT = 4;

function retryScale(): number {
  const s = Number(process.env.WEBHOOK_RETRY_SCALE);
  return Number.isFinite(s) && s > 0 ? s : 1;
}

/** Sends one claimed delivery and records the attempt: delivered, retry later, or failed. */
export async function deliver(db: Db, d: DueDelivery, options: { resolve?: Resolver } = {}): Promise<void> {
  const started = Date.now();
  const timestamp = Math.floor(started / 1000);
  const answer = await postWebhook(
    d.url,
    { "content-type": "application/json", "user-agent": "DirectPayments-Webhooks/1", ...webhookHeaders(d.secret, d.msgId, timestamp, d.payload) },
    d.payload,
    { allowPrivate: privateTargetsAllowed(), timeoutMs: TIMEOUT_MS, resolve: options.resolve },
  );
  const attemptedAt = Date.now();
  const outcome = afterAttempt({ attempts: d.attempts + 1, status: answer.statusCode, retryAfter: answer.retryAfter, now: attemptedAt, scale: retryScale() });
  await recordAttempt(db, {
    deliveryId: d.id,
    endpointId: d.endpointId,
    attemptedAt,
    statusCode: answer.statusCode,
    durationMs: attemptedAt - started,
    responseExcerpt: answer.excerpt,
    error: answer.error,
    outcome,
  });
  const line = { event: "webhook.attempt", deliveryId: d.id, endpointId: d.endpointId, msgId: d.msgId, attempt: d.attempts + 1, status: answer.statusCode, durationMs: attemptedAt - started, outcome: outcome.kind, error: answer.error ?? undefined };
  logger[outcome.kind === "delivered" ? "info" : "warn"](line, "webhook attempt");
}

/** The deliveries job's work: claims what fits in the free slots and starts each delivery; `onSlotFree` when one ends. */
export function createDeliveryWork(options: { db: () => Db | Promise<Db>; onSlotFree: () => void; maxInFlight?: number; perEndpoint?: number }) {
  const maxInFlight = options.maxInFlight ?? MAX_IN_FLIGHT;
  const perEndpoint = options.perEndpoint ?? MAX_IN_FLIGHT_PER_ENDPOINT;
  /** The deliveries this process is sending, by id, each with the promise that settles when it is recorded. */
  const sending = new Map<number, Promise<void>>();
  let stopped = false;
  return {
    /** Starts the deliveries that are due; returns how many. */
    async run(): Promise<number> {
      const free = maxInFlight - sending.size;
      if (stopped || free <= 0) return 0;
      const db = await options.db();
      const due = await claimDueDeliveries(db, Date.now(), { limit: free, perEndpoint });
      for (const d of due) {
        const sent = deliver(db, d)
          .catch((err) => logger.error({ err, deliveryId: d.id }, "webhook delivery failed"))
          .finally(() => {
            sending.delete(d.id);
            // A slot is free: fill it now rather than at the next poll.
            if (!stopped) options.onSlotFree();
          });
        sending.set(d.id, sent);
      }
      return due.length;
    },
    inFlight: () => sending.size,
    /**
     * For a shutdown: claims nothing more, waits up to `timeoutMs` for the deliveries in flight to be sent and
     * recorded, then releases the claims of those still going (another instance may send them at once instead of
     * after the lease). Resolves to how many it released.
     */
    async drain(timeoutMs: number): Promise<number> {
      stopped = true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([Promise.all(sending.values()), timedOut]);
      clearTimeout(timer);
      const left = [...sending.keys()];
      if (left.length === 0) return 0;
      return releaseDeliveryClaims(await options.db(), left);
    },
  };
}
