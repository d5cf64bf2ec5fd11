import { describe, expect, it } from "vitest";
import { fullBucket, LeasedRateLimiter, leaseTokens, MILLI, perMinuteRule, type Bucket, type BucketStore } from "./rate-limit";
import { bearerKey, hashApiKey, newApiKey } from "./api/keys";

const rule = { capacity: 3, perSecond: 1 };

describe("leaseTokens", () => {
  it("a new key starts with a full bucket; a burst up to capacity passes, then it says how long to wait", () => {
    const t = 1_000_000;
    let b: Bucket | null = null;
    const granted: number[] = [];
    for (let i = 0; i < 4; i++) {
      const lease = leaseTokens(b, rule, 1, t);
      granted.push(lease.granted);
      b = lease.bucket;
      if (i === 3) expect(lease.waitMs).toBe(1000);
    }
    expect(granted).toEqual([1, 1, 1, 0]);
    expect(leaseTokens(b, rule, 1, t + 999).granted).toBe(0);
    expect(leaseTokens(b, rule, 1, t + 1000).granted).toBe(1);
  });

  it("grants at most what is there, refills no higher than capacity, and never goes back in time", () => {
    const t = 5_000;
    expect(leaseTokens(null, rule, 10, t).granted).toBe(3);
    const empty = { milliTokens: 0, at: t };
    expect(leaseTokens(empty, rule, 10, t + 60_000)).toMatchObject({ granted: 3, bucket: { milliTokens: 0 } });
    expect(leaseTokens(empty, rule, 1, t + 500)).toMatchObject({ granted: 0, waitMs: 500, bucket: { milliTokens: 500 } });
    // A clock behind the stored time (another instance's) adds nothing and moves nothing back.
    expect(leaseTokens(empty, rule, 1, t - 10_000)).toMatchObject({ granted: 0, bucket: { at: t } });
  });

  it("keeps whole milli-tokens, losing less than one to a fractional rate per lease", () => {
    const r = { capacity: 100, perSecond: 600 / 60 / 7 }; // 1.428… a second: 10 tokens in 7 s
    let b: Bucket = { milliTokens: 0, at: 0 };
    let granted = 0;
    const steps = 70;
    for (let t = 100; t <= 7000; t += 100) {
      const lease = leaseTokens(b, r, 1, t);
      granted += lease.granted;
      b = lease.bucket;
      expect(Number.isInteger(b.milliTokens)).toBe(true);
    }
    const milli = granted * MILLI + b.milliTokens;
    expect(milli).toBeLessThanOrEqual(10 * MILLI);
    expect(milli).toBeGreaterThan(10 * MILLI - steps);
    expect(granted).toBe(9); // the tenth token is a few milli-tokens short after 70 roundings
  });

  it("a per-minute limit is a burst of a tenth of it (at least 10), refilled evenly", () => {
    expect(perMinuteRule(6000)).toEqual({ capacity: 600, perSecond: 100 });
    expect(perMinuteRule(60)).toEqual({ capacity: 10, perSecond: 1 });
    expect(fullBucket(perMinuteRule(600), 7)).toEqual({ milliTokens: 60 * MILLI, at: 7 });
  });
});

/** A store shared by several limiters, as the database is shared by several instances; counts its round trips. */
function sharedStore(r = rule) {
  const rows = new Map<string, Bucket>();
  const calls = { n: 0 };
  const store: BucketStore = async (key, want, now) => {
    calls.n++;
    await Promise.resolve();
    const lease = leaseTokens(rows.get(key) ?? null, r, want, now);
    rows.set(key, lease.bucket);
    return lease;
  };
  return { store, calls };
}

describe("LeasedRateLimiter", () => {
  it("two instances share one bucket: together they pass no more than its capacity", async () => {
    const { store } = sharedStore({ capacity: 20, perSecond: 1 });
    const a = new LeasedRateLimiter(store, 4);
    const b = new LeasedRateLimiter(store, 4);
    const t = 1_000_000;
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).take("key-1", t)));
    expect(results.filter((w) => w === 0)).toHaveLength(20);
    expect(results.filter((w) => w > 0).every((w) => w >= 1)).toBe(true);
    expect(await a.take("another key", t)).toBe(0);
  });

  it("asks the store once per lease, not once per request, even for requests that arrive together", async () => {
    const { store, calls } = sharedStore({ capacity: 100, perSecond: 1 });
    const limiter = new LeasedRateLimiter(store, 10);
    const results = await Promise.all(Array.from({ length: 30 }, () => limiter.take("k", 0)));
    expect(results.every((w) => w === 0)).toBe(true);
    expect(calls.n).toBe(3);
  });

  it("after a refusal the key passes again once the bucket refills", async () => {
    const { store } = sharedStore();
    const limiter = new LeasedRateLimiter(store, 1);
    for (let i = 0; i < 3; i++) expect(await limiter.take("k", 0)).toBe(0);
    expect(await limiter.take("k", 0)).toBe(1000);
    expect(await limiter.take("k", 1000)).toBe(0);
  });
});

describe("API keys", () => {
  it("are long random secrets with a visible prefix, recognised in a Bearer header, stored only as a hash", () => {
    const { key, prefix, hash } = newApiKey();
    expect(key).toMatch(/^dp_live_[A-Za-z0-9_-]{32}$/);
    expect(key.startsWith(prefix)).toBe(true);
    expect(prefix).toHaveLength(16);
    expect(hash).toBe(hashApiKey(key));
    expect(hash).not.toContain(key.slice(8));
    expect(bearerKey(`Bearer ${key}`)).toBe(key);
    expect(bearerKey(key)).toBeNull();
    expect(bearerKey("Bearer dp_live_short")).toBeNull();
    expect(newApiKey().key).not.toBe(key);
  });
});
