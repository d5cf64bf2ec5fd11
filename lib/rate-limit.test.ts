import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limit";
import { bearerKey, hashApiKey, newApiKey } from "./api/keys";

describe("RateLimiter", () => {
  it("allows a burst up to capacity, then asks to wait until the refill", () => {
    const rl = new RateLimiter(3, 1);
    const t = 1_000_000;
    expect([rl.take("k", t), rl.take("k", t), rl.take("k", t)]).toEqual([0, 0, 0]);
    expect(rl.take("k", t)).toBe(1000);
    expect(rl.take("k", t + 1000)).toBe(0);
    expect(rl.take("other", t)).toBe(0);
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
