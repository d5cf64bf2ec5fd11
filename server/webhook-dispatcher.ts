// Delivers the webhook outbox: claims due deliveries, signs and POSTs them, records each attempt, schedules retries.
// One dispatcher per server process, started by instrumentation.ts; state changes kick it so the first attempt is
// immediate. Each delivery runs on its own: a free slot is filled as soon as any delivery ends, so a slow receiver
// holds only its own few slots (claimDueDeliveries' perEndpoint), never another endpoint's events.
import { getDb, type Db } from "@/db/client";
import { claimDueDeliveries, recordAttempt, type DueDelivery } from "@/db/webhooks";
import { privateTargetsAllowed } from "@/lib/webhooks/address";
import { afterAttempt } from "@/lib/webhooks/retry";
import { webhookHeaders } from "@/lib/webhooks/signing";
import { postWebhook, type Resolver } from "./webhook-request";

const POLL_MS = 2_000;
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
  recordAttempt(db, {
    deliveryId: d.id,
    endpointId: d.endpointId,
    attemptedAt,
    statusCode: answer.statusCode,
    durationMs: attemptedAt - started,
    responseExcerpt: answer.excerpt,
    error: answer.error,
    outcome: afterAttempt({ attempts: d.attempts + 1, status: answer.statusCode, retryAfter: answer.retryAfter, now: attemptedAt, scale: retryScale() }),
  });
}

export type WebhookDispatcher = { start(): void; kick(): void; stop(): void; inFlight(): number };

export function createWebhookDispatcher(options: { db: () => Db; maxInFlight?: number; perEndpoint?: number; pollMs?: number }): WebhookDispatcher {
  const maxInFlight = options.maxInFlight ?? MAX_IN_FLIGHT;
  const perEndpoint = options.perEndpoint ?? MAX_IN_FLIGHT_PER_ENDPOINT;
  const pollMs = options.pollMs ?? POLL_MS;
  let started = false;
  let inFlight = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function schedule(delay: number) {
    if (timer) clearTimeout(timer);
    timer = setTimeout(pass, delay);
    timer.unref?.();
  }

  function pass() {
    timer = null;
    if (!started) return;
    try {
      const free = maxInFlight - inFlight;
      const due = free > 0 ? claimDueDeliveries(options.db(), Date.now(), { limit: free, perEndpoint }) : [];
      for (const d of due) {
        inFlight++;
        deliver(options.db(), d)
          .catch((err) => console.error("webhook dispatcher:", err))
          .finally(() => {
            inFlight--;
            // A slot is free: fill it now rather than at the next poll.
            kick();
          });
      }
    } catch (err) {
      console.error("webhook dispatcher:", err);
    }
    if (!timer) schedule(pollMs);
  }

  function kick() {
    if (started) schedule(0);
  }

  return {
    start() {
      if (started) return;
      started = true;
      schedule(0);
    },
    kick,
    stop() {
      started = false;
      if (timer) clearTimeout(timer);
      timer = null;
    },
    inFlight: () => inFlight,
  };
}

const g = globalThis as unknown as { __dpWebhooks?: WebhookDispatcher };

function dispatcher(): WebhookDispatcher {
  return (g.__dpWebhooks ??= createWebhookDispatcher({ db: getDb }));
}

export function startWebhookDispatcher() {
  dispatcher().start();
}

/** Asks for a pass soon. */
export function kickWebhookDispatcher() {
  dispatcher().kick();
}
