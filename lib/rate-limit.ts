// A token bucket per key: `capacity` requests at once, refilled at `perSecond`. In memory: one server process.
export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private capacity: number,
    private perSecond: number,
  ) {}

  /** Takes one token; returns 0 when allowed, else the milliseconds until a token is available. */
  take(key: string, now = Date.now()): number {
    const b = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    b.tokens = Math.min(this.capacity, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      this.buckets.set(key, b);
      return 0;
    }
    this.buckets.set(key, b);
    return Math.ceil(((1 - b.tokens) / this.perSecond) * 1000);
  }
}
