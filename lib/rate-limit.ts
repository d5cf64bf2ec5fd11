// The API's rate limit: a token bucket per key — `capacity` requests at once, refilled at `perSecond` — kept in the
// database so that every app instance draws on the same bucket. An instance does not ask the database for each
// request: it leases a few tokens at a time (`leaseSize`) and spends them locally, so one busy instance makes one
// database round trip per lease, not per request. Tokens leased but never spent are lost, never added: several
// instances together can only be stricter than the limit, not looser.
//
// Token counts are kept in milli-tokens (integers), so the bucket row is exact on every engine; a refill rounds down to
// a whole milli-token, so each lease may lose less than a thousandth of a token to the rate's fractions.

export const MILLI = 1000;

/** A bucket as stored: whole milli-tokens and the millisecond time they were counted at. */
export type Bucket = { milliTokens: number; at: number };

export type BucketRule = { capacity: number; perSecond: number };

export type Lease = { bucket: Bucket; granted: number; waitMs: number };

/** A full bucket, as a key that has never been seen starts with. */
export function fullBucket(rule: BucketRule, now: number): Bucket {
  return { milliTokens: rule.capacity * MILLI, at: now };
}

/**
 * Takes up to `want` whole tokens from the bucket at `now`. Returns the bucket to store, how many were granted, and —
 * when none could be — how long until one will be there.
 */
export function leaseTokens(stored: Bucket | null, rule: BucketRule, want: number, now: number): Lease {
  const start = stored ?? fullBucket(rule, now);
  const elapsed = Math.max(0, now - start.at);
  // perSecond tokens a second = perSecond milli-tokens a millisecond.
  const refilled = Math.min(rule.capacity * MILLI, start.milliTokens + Math.floor(elapsed * rule.perSecond));
  const granted = Math.max(0, Math.min(want, Math.floor(refilled / MILLI)));
  const bucket = { milliTokens: refilled - granted * MILLI, at: Math.max(now, start.at) };
  const waitMs = granted > 0 ? 0 : Math.ceil((MILLI - refilled) / rule.perSecond);
  return { bucket, granted, waitMs };
}

/** The rule for a limit given per minute: a burst of a tenth of a minute's allowance (at least 10), refilled evenly. */
export function perMinuteRule(perMinute: number): BucketRule {
  return { capacity: Math.max(10, Math.round(perMinute / 10)), perSecond: perMinute / 60 };
}

/** Where the buckets live: in production the database (db/rate-limits.ts); anything that applies leaseTokens. */
export type BucketStore = (key: string, want: number, now: number) => Promise<Lease>;

/** The part of the limiter each instance keeps: leased tokens not yet spent, per key. */
export class LeasedRateLimiter {
  private stock = new Map<string, number>();
  private pending = new Map<string, Promise<Lease>>();

  constructor(
    private store: BucketStore,
    private leaseSize: number,
  ) {}

  /** Takes one token; resolves to 0 when the request may go ahead, else the milliseconds until it may try again. */
  async take(key: string, now = Date.now()): Promise<number> {
    // Each round either spends a leased token or waits for a lease; a lease that grants nothing ends it. Requests that
    // waited for a lease whose tokens others spent ask again; the cap only guards against a store that misbehaves.
    for (let round = 0; round < 1000; round++) {
      const left = this.stock.get(key) ?? 0;
      if (left > 0) {
        this.stock.set(key, left - 1);
        return 0;
      }
      // One lease in flight per key: requests that arrive meanwhile wait for it instead of asking again.
      let lease = this.pending.get(key);
      if (!lease) {
        lease = this.store(key, this.leaseSize, now).finally(() => this.pending.delete(key));
        this.pending.set(key, lease);
        const { granted, waitMs } = await lease;
        if (granted === 0) return Math.max(1, waitMs);
        this.stock.set(key, (this.stock.get(key) ?? 0) + granted);
      } else {
        const { granted, waitMs } = await lease;
        if (granted === 0) return Math.max(1, waitMs);
      }
    }
    return 1000;
  }
}
