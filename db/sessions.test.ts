// Sessions end when they should: the audit's "old cookie still works" findings, at the data layer.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {type Db } from "./connection";
import { createSession, endSession, endUserSessions, userBySession, userSessions } from "./sessions";
import { createUser, setUserPassword, signInWithPassword, updateUserAccess } from "./users";
import type { User } from "./tables";
import { openTestDb, testSql, type TestDb } from "./test-db";

let testDb: TestDb;
let db: Db;
let agent: User;
let admin: User;

beforeEach(async () => {
  testDb = await openTestDb("sessions");
  db = testDb.db;
  admin = ((await createUser(db, { email: "admin@example.com", password: "admin-password", role: "admin" })) as { user: User }).user;
  agent = ((await createUser(db, { email: "agent@example.com", password: "agent-password", role: "agent" })) as { user: User }).user;
});

afterEach(async () => {
  await testDb.close();
});

const live = async (sid: string) => (await userBySession(db, sid))?.id ?? null;

describe("sessions", () => {
  it("a sign-in starts a session that names its user, until it runs out after 12 hours", async () => {
    const t = Date.now();
    const r = await signInWithPassword(db, { email: "agent@example.com", password: "agent-password", address: "203.0.113.1", userAgent: "Firefox" }, t);
    if (!r.ok) throw new Error("sign-in failed");
    expect(r.sessionId).toMatch(/^[A-Za-z0-9_-]{22}$/); // 128 bits
    expect((await userBySession(db, r.sessionId, t + 1000))?.email).toBe("agent@example.com");
    expect(await userBySession(db, r.sessionId, t + 12 * 3600_000 + 1)).toBeUndefined();
    expect(await userSessions(db, agent.id, t)).toMatchObject([{ clientAddress: "203.0.113.1", userAgent: "Firefox" }]);
  });

  it("signing out ends that one session and leaves the user's others", async () => {
    const a = await createSession(db, agent.id, {});
    const b = await createSession(db, agent.id, {});
    await endSession(db, a);
    expect(await live(a)).toBeNull();
    expect(await live(b)).toBe(agent.id);
  });

  it("a password reset by an admin ends every session of the user", async () => {
    const a = await createSession(db, agent.id, {});
    const b = await createSession(db, agent.id, {});
    const other = await createSession(db, admin.id, {});
    await setUserPassword(db, agent.id, "a-new-password");
    expect([await live(a), await live(b), await live(other)]).toEqual([null, null, admin.id]);
  });

  it("changing one's own password ends every other session but keeps the browser that changed it", async () => {
    const mine = await createSession(db, agent.id, {});
    const stolen = await createSession(db, agent.id, {});
    await setUserPassword(db, agent.id, "a-new-password", mine);
    expect([await live(mine), await live(stolen)]).toEqual([agent.id, null]);
  });

  it("disabling a user ends their sessions, and enabling them again does not bring those back", async () => {
    const a = await createSession(db, agent.id, {});
    expect(await updateUserAccess(db, agent.id, { active: false })).toBe("ok");
    expect(await live(a)).toBeNull();
    expect(await updateUserAccess(db, agent.id, { active: true })).toBe("ok");
    expect(await live(a)).toBeNull();
  });

  it("a change of role ends the user's sessions; a change to nothing does not", async () => {
    const a = await createSession(db, agent.id, {});
    expect(await updateUserAccess(db, agent.id, { role: "agent" })).toBe("ok");
    expect(await live(a)).toBe(agent.id);
    expect(await updateUserAccess(db, agent.id, { role: "admin" })).toBe("ok");
    expect(await live(a)).toBeNull();
  });

  it("sign out everywhere ends them all", async () => {
    const ids = [await createSession(db, agent.id, {}), await createSession(db, agent.id, {})];
    expect(await endUserSessions(db, agent.id)).toBe(2);
    expect(await Promise.all(ids.map(live))).toEqual([null, null]);
  });

  it("a made-up session id names nobody", async () => {
    await createSession(db, agent.id, {});
    expect(await live("AAAAAAAAAAAAAAAAAAAAAA")).toBeNull();
  });
});
