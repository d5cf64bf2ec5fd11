import { describe, expect, it } from "vitest";
import { afterAttempt, MAX_ATTEMPTS, parseRetryAfter, RETRY_SCHEDULE_MS } from "./retry";

const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);
const mid = () => 0.5; // no jitter

describe("afterAttempt with a fake clock", () => {
  it("walks the Standard Webhooks schedule: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h", () => {
    let now = T0;
    const waits: number[] = [];
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const o = afterAttempt({ attempts: attempt, status: 500, now, random: mid });
      if (o.kind !== "retry") throw new Error(`stopped at ${attempt}`);
      waits.push(o.at - now);
      now = o.at;
    }
    expect(waits).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 50_400_000, 72_000_000, 86_400_000]);
    expect(afterAttempt({ attempts: MAX_ATTEMPTS, status: 500, now, random: mid })).toEqual({ kind: "give_up", reason: "exhausted" });
    expect(RETRY_SCHEDULE_MS[0]).toBe(0);
  });

  it("spreads retries by at most ±10 %", () => {
    const low = afterAttempt({ attempts: 2, status: 502, now: T0, random: () => 0 });
    const high = afterAttempt({ attempts: 2, status: 502, now: T0, random: () => 1 });
    expect(low).toEqual({ kind: "retry", at: T0 + 270_000 });
    expect(high).toEqual({ kind: "retry", at: T0 + 330_000 });
  });

  it("treats any 2xx as delivered and 410 Gone as the end", () => {
    expect(afterAttempt({ attempts: 1, status: 204, now: T0 })).toEqual({ kind: "delivered" });
    expect(afterAttempt({ attempts: 1, status: 410, now: T0 })).toEqual({ kind: "give_up", reason: "gone" });
  });

  it("retries network failures (no status) and redirects like errors", () => {
    expect(afterAttempt({ attempts: 1, status: null, now: T0, random: mid })).toEqual({ kind: "retry", at: T0 + 5_000 });
    expect(afterAttempt({ attempts: 1, status: 301, now: T0, random: mid })).toEqual({ kind: "retry", at: T0 + 5_000 });
  });

  it("honours Retry-After on 429 and 503 when it asks for longer, and ignores it elsewhere", () => {
    expect(afterAttempt({ attempts: 1, status: 429, retryAfter: "120", now: T0, random: mid })).toEqual({ kind: "retry", at: T0 + 120_000 });
    expect(afterAttempt({ attempts: 3, status: 503, retryAfter: "1", now: T0, random: mid })).toEqual({ kind: "retry", at: T0 + 1_800_000 });
    expect(afterAttempt({ attempts: 1, status: 500, retryAfter: "120", now: T0, random: mid })).toEqual({ kind: "retry", at: T0 + 5_000 });
    const date = new Date(T0 + 60_000).toUTCString();
    expect(afterAttempt({ attempts: 1, status: 503, retryAfter: date, now: T0, random: mid })).toEqual({ kind: "retry", at: T0 + 60_000 });
  });

  it("scales the whole schedule for tests", () => {
    expect(afterAttempt({ attempts: 2, status: 500, now: T0, random: mid, scale: 0.01 })).toEqual({ kind: "retry", at: T0 + 3_000 });
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates, caps at a day, ignores junk", () => {
    expect(parseRetryAfter("30", T0)).toBe(30_000);
    expect(parseRetryAfter("999999", T0)).toBe(86_400_000);
    expect(parseRetryAfter("soon", T0)).toBeNull();
    expect(parseRetryAfter(null, T0)).toBeNull();
    expect(parseRetryAfter(new Date(T0 - 5000).toUTCString(), T0)).toBe(0);
  });
});
