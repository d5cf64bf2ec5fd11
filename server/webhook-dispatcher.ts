// Delivers the webhook outbox: claims due deliveries, signs and POSTs them, records each attempt, schedules retries.
// One loop per server process, started by instrumentation.ts; state changes kick it so the first attempt is immediate.
import { getDb } from "@/db/client";
import { claimDueDeliveries, recordAttempt, type DueDelivery } from "@/db/webhooks";
import { afterAttempt } from "@/lib/webhooks/retry";
import { webhookHeaders } from "@/lib/webhooks/signing";

const POLL_MS = 2_000;
const TIMEOUT_MS = 15_000;

type State = { started: boolean; running: boolean; again: boolean; timer: ReturnType<typeof setTimeout> | null };
const g = globalThis as unknown as { __dpWebhookDispatcher?: State };
const state: State = (g.__dpWebhookDispatcher ??= { started: false, running: false, again: false, timer: null });

function retryScale(): number {
  const s = Number(process.env.WEBHOOK_RETRY_SCALE);
  return Number.isFinite(s) && s > 0 ? s : 1;
}

function schedule(delay: number) {
  if (state.timer) clearTimeout(state.timer);
  state.timer = setTimeout(() => void tick(), delay);
  state.timer.unref?.();
}

export function startWebhookDispatcher() {
  if (state.started) return;
  state.started = true;
  schedule(0);
}

/** Asks for a pass soon (after the current one, if running). */
export function kickWebhookDispatcher() {
  if (!state.started) return;
  if (state.running) state.again = true;
  else schedule(0);
}

async function deliver(d: DueDelivery): Promise<void> {
  const started = Date.now();
  const timestamp = Math.floor(started / 1000);
  let statusCode: number | null = null;
  let excerpt: string | null = null;
  let error: string | null = null;
  let retryAfter: string | null = null;
  try {
    const res = await fetch(d.url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "DirectPayments-Webhooks/1", ...webhookHeaders(d.secret, d.msgId, timestamp, d.payload) },
      body: d.payload,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    statusCode = res.status;
    retryAfter = res.headers.get("retry-after");
    excerpt = (await res.text().catch(() => "")).slice(0, 500) || null;
  } catch (err) {
    // undici hides the reason in err.cause (an AggregateError when localhost resolves to both ::1 and 127.0.0.1).
    const e = err as Error & { cause?: { code?: string; message?: string; errors?: { code?: string }[] } };
    const why = e.cause?.code ?? e.cause?.errors?.[0]?.code ?? e.cause?.message ?? e.message;
    error = e.name === "TimeoutError" ? `No answer within ${TIMEOUT_MS / 1000} s.` : `Could not connect: ${why}`.slice(0, 300);
  }
  const attemptedAt = Date.now();
  recordAttempt(getDb(), {
    deliveryId: d.id,
    endpointId: d.endpointId,
    attemptedAt,
    statusCode,
    durationMs: attemptedAt - started,
    responseExcerpt: excerpt,
    error,
    outcome: afterAttempt({ attempts: d.attempts + 1, status: statusCode, retryAfter, now: attemptedAt, scale: retryScale() }),
  });
}

async function tick() {
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = true;
  try {
    for (let rounds = 0; rounds < 50; rounds++) {
      const due = claimDueDeliveries(getDb(), Date.now());
      if (due.length === 0) break;
      await Promise.all(due.map(deliver));
    }
  } catch (err) {
    console.error("webhook dispatcher:", err);
  } finally {
    state.running = false;
  }
  if (state.again) {
    state.again = false;
    schedule(0);
  } else schedule(POLL_MS);
}
