// The e-mail outbox's policy, as pure functions: what a send's result means for the message (sent, try again later,
// failed for good) and when the next attempt is due.
//
// Try again: the server could not be reached or timed out, TLS or the login failed (the settings are at fault, not
// the message: once an admin fixes SMTP_URL the queue drains by itself), or the server answered 4xx ("try later":
// greylisting, a full queue, rate limits). Failed for good: a 5xx answer (no such mailbox, refused as spam, too
// large) or a message nodemailer itself refuses; sending it again would get the same answer.
//
// Backoff after the n-th failed attempt: 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, then 24 h. After MAX_ATTEMPTS
// attempts (the last about 2.9 days after the first) the message is failed for good; Resend starts it afresh.

/** What a transport reports for one message (server/mail-transport.ts). Never an exception. */
export type SendResult =
  | { ok: true; code: number | null; response: string; messageId: string }
  | {
      ok: false;
      /** The SMTP reply code (550, 451), or null when there was no answer (refused connection, timeout). */
      code: number | null;
      /** The server's answer, or what went wrong on the way; for the outbox's log and Settings → E-mail. */
      response: string;
      /** nodemailer's error code (ECONNECTION, ETIMEDOUT, EAUTH, EENVELOPE, …), when there is one. */
      errorCode: string | null;
    };

export type SendOutcome = "sent" | "retry" | "failed";

/** Errors about the connection or the account, not this message: worth another try whatever the code. */
const TRANSIENT_ERRORS = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ETLS", "EAUTH", "EPROXY", "ECONNRESET", "ECONNREFUSED"]);

/** Errors nodemailer raises before the server answers about a message it will never accept (no code). */
const PERMANENT_ERRORS = new Set(["EENVELOPE", "EMESSAGE", "ESTREAM", "EREQUIRETLS"]);

export function classifySendResult(result: SendResult): SendOutcome {
  if (result.ok) return "sent";
  if (result.errorCode && TRANSIENT_ERRORS.has(result.errorCode)) return "retry";
  if (result.code !== null && result.code >= 500 && result.code < 600) return "failed";
  if (result.code !== null && result.code >= 400 && result.code < 500) return "retry";
  if (result.errorCode && PERMANENT_ERRORS.has(result.errorCode)) return "failed";
  // Anything else (a protocol hiccup, an unknown error) is retried: the attempt limit bounds it.
  return "retry";
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The wait after the 1st, 2nd, … failed attempt; the last value repeats. */
export const BACKOFF_MS: readonly number[] = Object.freeze([MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR]);

/** Attempts before a message that keeps getting "try again" is failed for good. */
export const MAX_ATTEMPTS = 9;

/** The wait after `attempts` failed attempts (attempts ≥ 1). */
export function backoffDelay(attempts: number): number {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be a positive integer, got ${attempts}`);
  return BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1];
}

/**
 * What follows an attempt: "sent" and "failed" are final ("rejected": the server said no for good; "exhausted": it
 * kept saying "later" MAX_ATTEMPTS times); "retry" carries the time of the next attempt.
 */
export type NextStep = { state: "sent" } | { state: "failed"; reason: "rejected" | "exhausted" } | { state: "retry"; at: number };

/**
 * Decides what follows attempt number `attempts` (1-based, the one just made), at `now`. `scale` shrinks the waits
 * for tests (0.001: a minute becomes 60 ms), as WEBHOOK_RETRY_SCALE does for webhooks.
 */
export function nextStep(input: { result: SendResult; attempts: number; now: number; scale?: number }): NextStep {
  const outcome = classifySendResult(input.result);
  if (outcome === "sent") return { state: "sent" };
  if (outcome === "failed") return { state: "failed", reason: "rejected" };
  if (input.attempts >= MAX_ATTEMPTS) return { state: "failed", reason: "exhausted" };
  return { state: "retry", at: input.now + Math.round(backoffDelay(input.attempts) * (input.scale ?? 1)) };
}

/** The longest the policy keeps a message waiting between its first and its last attempt. */
export function totalRetryWindow(): number {
  let total = 0;
  for (let n = 1; n < MAX_ATTEMPTS; n++) total += backoffDelay(n);
  return total;
}

/** The server's answer as the outbox stores it: one line, at most `max` characters. */
export function responseForLog(response: string, max = 500): string {
  const flat = response.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
