// Sessions end when they should: the audit's "old cookie still works" findings, at the data layer.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDb, type Db } from "./connection";
import { createSession, endSession, endUserSessions, userBySession, userSessions } from "./sessions";
import { createUser, setUserPassword, signInWithPassword, updateUserAccess } from "./users";
import type { User } from "./schema";

let dir: string;
let db: Db;
let agent: User;
let admin: User;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dp-sessions-"));
  db = openDb(`file:${path.join(dir, "app.db")}`);
  admin = ((await createUser(db, { email: "admin@example.com", password: "admin-password", role: "admin" })) as { user: User }).user;
  agent = ((await createUser(db, { email: "agent@example.com", password: "agent-password", role: "agent" })) as { user: User }).user;
});

afterEach(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const live = (sid: string) => userBySession(db, sid)?.id ?? null;

describe("sessions", () => {
  it("a sign-in starts a session that names its user, until it runs out after 12 hours", async () => {
    const t = Date.now();
    const r = await signInWithPassword(db, { email: "agent@example.com", password: "agent-password", address: "203.0.113.1", userAgent: "Firefox" }, t);
    if (!r.ok) throw new Error("sign-in failed");
    expect(r.sessionId).toMatch(/^[A-Za-z0-9_-]{22}$/); // 128 bits
    expect(userBySession(db, r.sessionId, t + 1000)?.email).toBe("agent@example.com");
    expect(userBySession(db, r.sessionId, t + 12 * 3600_000 + 1)).toBeUndefined();
    expect(userSessions(db, agent.id, t)).toMatchObject([{ clientAddress: "203.0.113.1", userAgent: "Firefox" }]);
  });

  it("signing out ends that one session and leaves the user's others", () => {
    const a = createSession(db, agent.id, {});
    const b = createSession(db, agent.id, {});
    endSession(db, a);
    expect(live(a)).toBeNull();
    expect(live(b)).toBe(agent.id);
  });

  it("a password reset by an admin ends every session of the user", async () => {
    const a = createSession(db, agent.id, {});
    const b = createSession(db, agent.id, {});
    const other = createSession(db, admin.id, {});
    await setUserPassword(db, agent.id, "a-new-password");
    expect([live(a), live(b), live(other)]).toEqual([null, null, admin.id]);
  });

  it("changing one's own password ends every other session but keeps the browser that changed it", async () => {
    const mine = createSession(db, agent.id, {});
    const stolen = createSession(db, agent.id, {});
    await setUserPassword(db, agent.id, "a-new-password", mine);
    expect([live(mine), live(stolen)]).toEqual([agent.id, null]);
  });

  it("disabling a user ends their sessions, and enabling them again does not bring those back", () => {
    const a = createSession(db, agent.id, {});
    expect(updateUserAccess(db, agent.id, { active: false })).toBe("ok");
    expect(live(a)).toBeNull();
    expect(updateUserAccess(db, agent.id, { active: true })).toBe("ok");
    expect(live(a)).toBeNull();
  });

  it("a change of role ends the user's sessions; a change to nothing does not", () => {
    const a = createSession(db, agent.id, {});
    expect(updateUserAccess(db, agent.id, { role: "agent" })).toBe("ok");
    expect(live(a)).toBe(agent.id);
    expect(updateUserAccess(db, agent.id, { role: "admin" })).toBe("ok");
    expect(live(a)).toBeNull();
  });

  it("sign out everywhere ends them all", () => {
    const ids = [createSession(db, agent.id, {}), createSession(db, agent.id, {})];
    expect(endUserSessions(db, agent.id)).toBe(2);
    expect(ids.map(live)).toEqual([null, null]);
  });

  it("a made-up session id names nobody", () => {
    createSession(db, agent.id, {});
    expect(live("AAAAAAAAAAAAAAAAAAAAAA")).toBeNull();
  });
});
