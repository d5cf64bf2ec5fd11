// Staff accounts and sign-in throttling against a throw-away SQLite file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {type Db, write } from "./connection";
import { users } from "./tables";
import bcrypt from "bcryptjs";
import { vi } from "vitest";
import { sql } from "drizzle-orm";
import { openTestDb, testSql, type TestDb } from "./test-db";
import {
  ADDRESS_FREE_FAILURES,
  THROTTLE_FREE_FAILURES,
  THROTTLE_WINDOW_MS,
  clearFailures,
  createUser,
  isSlowedDown,
  recentFailures,
  recordFailure,
  signInWithPassword,
  throttleDelayMs,
  userByEmail,
  verifyPassword,
} from "./users";

const T0 = Date.UTC(2026, 10, 1, 9, 0, 0);
const MIN = 60_000;

let testDb: TestDb;
let db: Db;

beforeEach(async () => {
  testDb = await openTestDb("users");
  db = testDb.db;
});

afterEach(async () => {
  await testDb.close();
});

const userCount = async () => (await db.select().from(users)).length;

describe("createUser", () => {
  it("refuses a password longer than bcrypt reads (72 bytes), which would otherwise be checked only in part", async () => {
    const long = "a".repeat(72) + "-the-rest-bcrypt-would-never-see";
    const res = await createUser(db, { email: "long@example.com", password: long, role: "agent" });
    expect(res).toMatchObject({ ok: false, error: "password" });
    expect(await userCount()).toBe(0);
    // 72 bytes exactly is fine, and then the whole of it counts.
    const ok = await createUser(db, { email: "long@example.com", password: "a".repeat(72), role: "agent" });
    expect(ok.ok).toBe(true);
    expect(await verifyPassword("a".repeat(71) + "b", (await userByEmail(db, "long@example.com"))!.passwordHash)).toBe(false);
  });

  it("rejects malformed email addresses and stores nothing", async () => {
    for (const email of ["", "   ", "agent", "agent@", "@example.com", "agent@example", "ag ent@example.com", "a@b@example.com", `${"a".repeat(250)}@example.com`]) {
      const res = await createUser(db, { email, password: "long-enough-password", role: "agent" });
      expect(res, JSON.stringify(email)).toMatchObject({ ok: false, error: "email" });
      if (!res.ok) expect(res.message).toMatch(/not a valid email/);
    }
    expect(await userCount()).toBe(0);
  });

  it("requires a password of at least 10 characters", async () => {
    const short = await createUser(db, { email: "agent@example.com", password: "123456789", role: "agent" });
    expect(short).toMatchObject({ ok: false, error: "password" });
    if (!short.ok) expect(short.message).toContain("10");
    expect(await userCount()).toBe(0);
    const exactly10 = await createUser(db, { email: "agent@example.com", password: "1234567890", role: "agent" });
    expect(exactly10.ok).toBe(true);
  });

  it("accepts only the roles admin and agent", async () => {
    for (const role of ["owner", "Admin", "", "agent "]) {
      expect(await createUser(db, { email: "x@example.com", password: "long-enough-password", role }), role).toMatchObject({ ok: false, error: "role" });
    }
    expect(await userCount()).toBe(0);
  });

  it("refuses a second account for the same email, whatever its letter case or surrounding spaces", async () => {
    const first = await createUser(db, { email: "Agent@Example.com", password: "long-enough-password", role: "agent", name: "Alex" });
    expect(first.ok).toBe(true);
    if (first.ok) expect(first.user).toMatchObject({ email: "agent@example.com", name: "Alex", role: "agent", active: true });
    for (const email of ["agent@example.com", "AGENT@EXAMPLE.COM", "  agent@example.com  "]) {
      const dup = await createUser(db, { email, password: "another-long-password", role: "admin" });
      expect(dup, email).toMatchObject({ ok: false, error: "exists" });
      if (!dup.ok) expect(dup.message).toMatch(/already exists/);
    }
    expect(await userCount()).toBe(1);
    expect((await userByEmail(db, " AGENT@example.COM "))!.name).toBe("Alex");
  });

  it("stores a bcrypt hash that verifies the right password only, never the password itself", async () => {
    const password = "correct horse battery";
    const res = await createUser(db, { email: "admin@example.com", password, role: "admin" });
    expect(res.ok).toBe(true);
    const row = (await userByEmail(db, "admin@example.com"))!;
    expect(row.passwordHash).toMatch(/^\$2[aby]\$\d{2}\$.{53}$/);
    expect(row.passwordHash).not.toContain(password);
    const raw = JSON.stringify(await testSql(db, sql`SELECT * FROM users`));
    expect(raw).not.toContain(password);
    // Without a name, the part before the @ is used.
    expect(row.name).toBe("admin");

    expect(await verifyPassword(password, row.passwordHash)).toBe(true);
    expect(await verifyPassword("correct horse battery ", row.passwordHash)).toBe(false);
    expect(await verifyPassword("wrong password", row.passwordHash)).toBe(false);
    // Unknown user: never signs in, even with the password that the dummy hash was made from.
    expect(await verifyPassword("not-a-real-password", null)).toBe(false);
    expect(await verifyPassword(password, null)).toBe(false);
  });
});

describe("sign-in throttling", () => {
  it("counts failures per key", async () => {
    await recordFailure(db, ["account:a@example.com ip:10.0.0.1", "ip:10.0.0.1"], T0);
    await recordFailure(db, ["account:a@example.com ip:10.0.0.1", "ip:10.0.0.1"], T0 + MIN);
    await recordFailure(db, ["account:b@example.com ip:10.0.0.1", "ip:10.0.0.1"], T0 + 2 * MIN);
    expect(await recentFailures(db, "account:a@example.com ip:10.0.0.1", T0 + 3 * MIN)).toBe(2);
    expect(await recentFailures(db, "account:b@example.com ip:10.0.0.1", T0 + 3 * MIN)).toBe(1);
    expect(await recentFailures(db, "ip:10.0.0.1", T0 + 3 * MIN)).toBe(3);
    expect(await recentFailures(db, "account:c@example.com ip:10.0.0.1", T0 + 3 * MIN)).toBe(0);
  });

  it("forgets failures once the window has passed, and counts afresh after that", async () => {
    const key = "account:a@example.com ip:10.0.0.1";
    for (let i = 0; i < 7; i++) await recordFailure(db, [key], T0 + i * 1000);
    const last = T0 + 6000;
    expect(await recentFailures(db, key, last + 5 * MIN)).toBe(7);
    expect(await recentFailures(db, key, last + THROTTLE_WINDOW_MS + 1)).toBe(0);
    expect(await recentFailures(db, key, last + 2 * THROTTLE_WINDOW_MS)).toBe(0);

    await recordFailure(db, [key], last + 2 * THROTTLE_WINDOW_MS);
    expect(await recentFailures(db, key, last + 2 * THROTTLE_WINDOW_MS + 1000)).toBe(1);
  });

  it("clearFailures resets one key and leaves the others", async () => {
    await recordFailure(db, ["account:a@example.com ip:10.0.0.1", "ip:10.0.0.1"], T0);
    await clearFailures(db, "account:a@example.com ip:10.0.0.1");
    expect(await recentFailures(db, "account:a@example.com ip:10.0.0.1", T0 + 1000)).toBe(0);
    expect(await recentFailures(db, "ip:10.0.0.1", T0 + 1000)).toBe(1);
  });

  // The cap itself is a policy knob (the brief said 30 s, the code now says 15 min); what must hold is: free tries first,
  // then a delay that doubles per failure up to a cap, and never a lock that outlives the window that forgets failures.
  it("adds no delay for the first few failures, then a doubling delay that stops at a cap", async () => {
    for (let f = 0; f < THROTTLE_FREE_FAILURES; f++) expect(throttleDelayMs(f), String(f)).toBe(0);
    const delays = Array.from({ length: 30 }, (_, i) => throttleDelayMs(THROTTLE_FREE_FAILURES + i));
    const cap = throttleDelayMs(1_000_000);
    expect(delays[0]).toBeGreaterThan(0);
    expect(cap).toBeGreaterThan(delays[0]);
    expect(cap).toBeLessThanOrEqual(THROTTLE_WINDOW_MS);
    for (let i = 1; i < delays.length; i++) {
      expect(delays[i], `failure ${THROTTLE_FREE_FAILURES + i}`).toBe(Math.min(cap, 2 * delays[i - 1]));
    }
    expect(delays[delays.length - 1]).toBe(cap);
    expect(throttleDelayMs(Number.MAX_SAFE_INTEGER)).toBe(cap);
  });

  it("a caller may allow more free failures (a shared office address)", async () => {
    expect(throttleDelayMs(19, 20)).toBe(0);
    expect(throttleDelayMs(20, 20)).toBe(throttleDelayMs(THROTTLE_FREE_FAILURES));
    expect(throttleDelayMs(100, 20)).toBe(throttleDelayMs(1_000_000));
  });
});

describe("isSlowedDown", () => {
  it("slows a key down after the free failures, for a minute that doubles with each further failure", async () => {
    const t = 1_000_000_000;
    for (let i = 0; i < 4; i++) await recordFailure(db, ["k"], t);
    expect(await isSlowedDown(db, "k", t + 1)).toBe(false);
    await recordFailure(db, ["k"], t);
    expect(await isSlowedDown(db, "k", t + 59_000)).toBe(true);
    expect(await isSlowedDown(db, "k", t + 61_000)).toBe(false);
    await recordFailure(db, ["k"], t + 61_000);
    expect(await isSlowedDown(db, "k", t + 61_000 + 119_000)).toBe(true);
    // An address gets more tries than one account.
    for (let i = 0; i < 5; i++) await recordFailure(db, ["ip:1.2.3.4"], t);
    expect(await isSlowedDown(db, "ip:1.2.3.4", t + 1, ADDRESS_FREE_FAILURES)).toBe(false);
  });
});

// Each attempt costs a real bcrypt comparison (that is the point): generous timeouts, whatever the machine is doing.
describe("signing in (the attacks of issue 12)", { timeout: 300_000 }, () => {
  const owner = { email: "owner@example.com", password: "owner-right-password" };
  const ATTACKER = "198.51.100.66";
  const OFFICE = "203.0.113.10";

  beforeEach(async () => {
    await createUser(db, { ...owner, role: "admin" });
  });

  it("an attacker who knows a staff email cannot lock its owner out: the owner signs in from another address", async () => {
    // Half an hour of guessing, one try a minute, as the audit did to keep everyone out.
    let refused = 0;
    for (let i = 0; i < 30; i++) {
      const r = await signInWithPassword(db, { email: owner.email, password: `guess-${i}`, address: ATTACKER }, T0 + i * MIN);
      expect(r.ok).toBe(false);
      if (!r.ok && r.reason === "throttled") refused++;
    }
    expect(refused).toBeGreaterThan(0); // the attacker was slowed down…
    const r = await signInWithPassword(db, { ...owner, address: OFFICE }, T0 + 30 * MIN);
    expect(r.ok).toBe(true); // …and the owner was not
  });

  it("attempts refused while slowed down do not extend the wait", async () => {
    for (let i = 0; i < THROTTLE_FREE_FAILURES; i++) {
      expect(await signInWithPassword(db, { email: owner.email, password: "wrong", address: ATTACKER }, T0)).toEqual({ ok: false, reason: "wrong" });
    }
    // Slowed down for a minute: every further attempt inside it is refused, the right password too…
    for (let s = 1; s < 60; s += 5) {
      expect(await signInWithPassword(db, { email: owner.email, password: "wrong", address: ATTACKER }, T0 + s * 1000)).toEqual({ ok: false, reason: "throttled" });
    }
    expect(await signInWithPassword(db, { ...owner, address: ATTACKER }, T0 + 59_000)).toEqual({ ok: false, reason: "throttled" });
    // …and none of them counted: a minute after the last real failure, the owner gets in from that same address.
    expect((await signInWithPassword(db, { ...owner, address: ATTACKER }, T0 + 61_000)).ok).toBe(true);
  });

  it("one address guessing at many accounts is slowed down across all of them", async () => {
    for (let i = 0; i < ADDRESS_FREE_FAILURES; i++) {
      await signInWithPassword(db, { email: `nobody-${i}@example.com`, password: "x", address: ATTACKER }, T0);
    }
    expect(await signInWithPassword(db, { ...owner, address: ATTACKER }, T0 + 1000)).toEqual({ ok: false, reason: "throttled" });
    expect((await signInWithPassword(db, { ...owner, address: OFFICE }, T0 + 1000)).ok).toBe(true);
  });

  it("a success clears that account's count from that address, not the address's own", async () => {
    for (let i = 0; i < 3; i++) await signInWithPassword(db, { email: owner.email, password: "wrong", address: OFFICE }, T0);
    expect((await signInWithPassword(db, { ...owner, address: OFFICE }, T0 + 1000)).ok).toBe(true);
    expect(await recentFailures(db, `account:${owner.email} ip:${OFFICE}`, T0 + 2000)).toBe(0);
    expect(await recentFailures(db, `ip:${OFFICE}`, T0 + 2000)).toBe(3);
  });

  it("a disabled user is refused like a wrong password", async () => {
    await write(db, (w) => w.update(users).set({ active: false }));
    expect(await signInWithPassword(db, { ...owner, address: OFFICE }, T0)).toEqual({ ok: false, reason: "wrong" });
  });

  it("every answer costs exactly one bcrypt comparison: unknown email, wrong password, slowed down, right password", async () => {
    const compare = vi.spyOn(bcrypt, "compare");
    try {
      const cases = [
        { email: "unknown@example.com", password: "whatever-it-is", address: OFFICE },
        { email: owner.email, password: "wrong-password", address: OFFICE },
        { ...owner, address: OFFICE },
      ];
      for (const c of cases) {
        compare.mockClear();
        await signInWithPassword(db, c, T0);
        expect(compare, c.email).toHaveBeenCalledTimes(1);
      }
      for (let i = 0; i < THROTTLE_FREE_FAILURES; i++) await signInWithPassword(db, { email: owner.email, password: "w", address: ATTACKER }, T0);
      compare.mockClear();
      expect(await signInWithPassword(db, { ...owner, address: ATTACKER }, T0 + 1000)).toEqual({ ok: false, reason: "throttled" });
      expect(compare).toHaveBeenCalledTimes(1);
    } finally {
      compare.mockRestore();
    }
  });
});
