// When to try a webhook delivery again: the Standard Webhooks schedule, with jitter, honouring Retry-After.

/** Delay before attempt n+1 after attempt n failed: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h. */
export const RETRY_SCHEDULE_MS = [0, 5_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 5 * 3600_000, 10 * 3600_000, 14 * 3600_000, 20 * 3600_000, 24 * 3600_000] as const;
export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length;
const JITTER = 0.1;
const MAX_RETRY_AFTER_MS = 24 * 3600_000;

/** Parses a Retry-After header (seconds or an HTTP date) into milliseconds from now; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Math.min(Number(v) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}

export type AttemptOutcome =
  | { kind: "delivered" }
  | { kind: "retry"; at: number }
  | { kind: "give_up"; reason: "gone" | "exhausted" };

/**
 * Decides what follows attempt number `attempts` (1-based, just made). 2xx is delivered; 410 Gone stops at once;
 * anything else retries on the schedule (scaled for tests by `scale`), with ±10 % jitter so a recovering receiver is not
 * hit by every sender at the same second, and never sooner than a 429/503's Retry-After.
 */
export function afterAttempt(input: {
  attempts: number;
  status: number | null;
  retryAfter?: string | null;
  now: number;
  random?: () => number;
  scale?: number;
}): AttemptOutcome {
  const { attempts, status, now } = input;
  if (status != null && status >= 200 && status < 300) return { kind: "delivered" };
  if (status === 410) return { kind: "give_up", reason: "gone" };
  if (attempts >= MAX_ATTEMPTS) return { kind: "give_up", reason: "exhausted" };
  const scale = input.scale ?? 1;
  const base = RETRY_SCHEDULE_MS[attempts] * scale;
  const random = input.random ?? Math.random;
  const jittered = base * (1 - JITTER + 2 * JITTER * random());
  const retryAfter = status === 429 || status === 503 ? parseRetryAfter(input.retryAfter, now) : null;
  return { kind: "retry", at: Math.round(now + Math.max(jittered, retryAfter ?? 0)) };
}
