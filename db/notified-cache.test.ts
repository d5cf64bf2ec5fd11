// PostgreSQL only (vitest.postgres.config.mts): two instances (two databases opened on one PostgreSQL database, each
// with its pool and its listening connection) keep sessions and API keys in memory, and a change on either one reaches
// the other through the triggers' notifications (db/notified-cache.ts, drizzle-pg/0012).
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { closeDb, notifiedCache, openDatabase, writeTransaction, type Db } from "./connection";
import { rawRows, rawWrite } from "./dialect";
import { apiKeyBySecret, createApiKey, revokeApiKey } from "./api";
import { createSession, endSession, endUserSessions, userBySession } from "./sessions";
import { createUser, updateUserAccess, updateUserName, cachedBusinessProfile, saveBusinessProfile, getBusinessProfile } from "./users";
import { LISTENER_NAME } from "./notified-cache";
import { ENGINE, type User } from "./tables";
import { openTestDb, type TestDb } from "./test-db";

// A notification travels from the committing instance through PostgreSQL to the other: waited for, never timed.
const eventually = (check: () => Promise<void>) => vi.waitFor(check, { timeout: 15_000, interval: 20 });

describe.skipIf(ENGINE !== "postgres")("what instances keep in memory on PostgreSQL", () => {
  let t: TestDb;
  let a: Db;
  let b: Db;
  let agent: User;

  beforeEach(async () => {
    t = await openTestDb("notified");
    a = t.db;
    b = await openDatabase(t.url);
    agent = ((await createUser(a, { email: "agent@example.com", password: "agent-password", role: "agent" })) as { user: User }).user;
  });
  afterEach(async () => {
    await closeDb(b).catch(() => {});
    await t.close();
  });

  /** Reads until the instance listens (a read starts its listening connection), then once more, so that it is kept. */
  const listening = async (db: Db, read: () => Promise<unknown>) => {
    await eventually(async () => {
      await read();
      expect(notifiedCache(db)!.isListening).toBe(true);
    });
    // The read that saw it listening may have run just before it did (on a busy machine, or while it reconnects):
    // that one was not kept. This one is.
    await read();
  };

  /** Runs `change` behind every instance's back: with the table's notifying trigger off for its transaction. */
  const silently = (table: string, change: ReturnType<typeof sql>) =>
    writeTransaction(a, async (tx) => {
      await rawWrite(tx, sql.raw(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_notify_cache`));
      await rawWrite(tx, change);
      await rawWrite(tx, sql.raw(`ALTER TABLE ${table} ENABLE TRIGGER ${table}_notify_cache`));
    });
  const renameSilently = (id: number, name: string) => silently("users", sql`UPDATE users SET name = ${name} WHERE id = ${id}`);

  it("keeps a session's user in memory, and drops it on B when A ends the session", async () => {
    const sid = await createSession(a, agent.id, {});
    await listening(a, () => userBySession(a, sid));
    await listening(b, () => userBySession(b, sid));
    expect((await userBySession(b, sid))?.name).toBe(agent.name);

    // Served from B's memory: a change nobody was told of is not seen.
    await renameSilently(agent.id, "Renamed quietly");
    expect((await userBySession(b, sid))?.name).toBe(agent.name);

    await endSession(a, sid);
    // A forgets its own at once; B when the notification arrives.
    expect(await userBySession(a, sid)).toBeUndefined();
    await eventually(async () => expect(await userBySession(b, sid)).toBeUndefined());
  });

  it("sees on B a role change and a disabled account made on A, and a renamed user", async () => {
    const sid = await createSession(a, agent.id, {});
    await listening(b, () => userBySession(b, sid));
    await updateUserName(a, agent.id, "Agent Smith");
    await eventually(async () => expect((await userBySession(b, sid))?.name).toBe("Agent Smith"));

    // A session made after the change, kept by B, then the account disabled on A: B lets it in no more.
    const second = await createSession(a, agent.id, {});
    expect((await userBySession(b, second))?.active).toBe(true);
    expect(await updateUserAccess(a, agent.id, { active: false })).toBe("ok");
    await eventually(async () => expect(await userBySession(b, second)).toBeUndefined());
  });

  it("lets a kept session run out at its expiry, without a notification", async () => {
    const now = Date.now();
    const sid = await createSession(a, agent.id, {}, now);
    await listening(b, () => userBySession(b, sid, now));
    const [{ expires_at }] = await rawRows<{ expires_at: string }>(b, sql`SELECT expires_at FROM sessions WHERE id = ${sid}`);
    expect((await userBySession(b, sid, Number(expires_at) - 1))?.id).toBe(agent.id);
    expect(await userBySession(b, sid, Number(expires_at))).toBeUndefined();
  });

  it("drops a revoked API key on B, and ends sessions of a user everywhere", async () => {
    const { key } = await createApiKey(a, "Shop", agent.id, ["payments:write"]);
    await listening(b, () => apiKeyBySecret(b, key));
    expect((await apiKeyBySecret(b, key))?.name).toBe("Shop");
    const [row] = await rawRows<{ id: number }>(a, sql`SELECT id FROM api_keys`);
    expect(await revokeApiKey(a, Number(row.id))).toBe(true);
    expect(await apiKeyBySecret(a, key)).toBeUndefined();
    await eventually(async () => expect(await apiKeyBySecret(b, key)).toBeUndefined());

    const sid = await createSession(a, agent.id, {});
    await listening(b, () => userBySession(b, sid));
    await endUserSessions(a, agent.id);
    await eventually(async () => expect(await userBySession(b, sid)).toBeUndefined());
  });

  it("gives the API's create a saved profile, while the payer's reads are never from memory", async () => {
    const profile = { name: "Shop One", supportContact: "", defaultCurrency: "EUR", defaultHoursOpen: 24 };
    await saveBusinessProfile(a, profile);
    await listening(b, () => cachedBusinessProfile(b));
    expect((await cachedBusinessProfile(b)).defaultHoursOpen).toBe(24);
    await silently("business_profile", sql`UPDATE business_profile SET default_hours_open = 5`);
    expect((await cachedBusinessProfile(b)).defaultHoursOpen).toBe(24);
    expect((await getBusinessProfile(b)).defaultHoursOpen).toBe(5);
    await saveBusinessProfile(a, { ...profile, defaultHoursOpen: 48 });
    await eventually(async () => expect((await cachedBusinessProfile(b)).defaultHoursOpen).toBe(48));
  });

  it("keeps nothing while its listening connection is down, so a change it was not told of is seen", async () => {
    const sid = await createSession(a, agent.id, {});
    await listening(b, () => userBySession(b, sid));
    // Both instances listen; end every listening connection (as a restart of the database would).
    await rawRows(a, sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ${LISTENER_NAME}`);
    await eventually(async () => expect(notifiedCache(b)!.isListening).toBe(false));
    await renameSilently(agent.id, "Seen without a notification");
    expect((await userBySession(b, sid))?.name).toBe("Seen without a notification");

    // It listens again (a few seconds later), and keeps what it reads from then on.
    await listening(b, () => userBySession(b, sid));
    await renameSilently(agent.id, "Not seen: kept since");
    expect((await userBySession(b, sid))?.name).toBe("Seen without a notification");
  });
});
