// Staff sessions: one row per signed-in browser, checked on every request (auth.ts). Removing a row ends that session
// at once, whatever the cookie in the browser says.
import { and, desc, eq, gt, lte, ne, sql } from "drizzle-orm";
import { SESSION_MAX_AGE_S } from "@/lib/staff-session";
import { randomToken } from "@/lib/token";
import { forgetCached, notifiedCache, writeTransaction, type Db, type Tx } from "./connection";
import { prepared } from "./statement-cache";
import { sessions, users, type Session, type User } from "./tables";



/** Starts a session for a user who has just proved who they are; clears sessions that have run out on the way. */
export async function createSession(db: Db | Tx, userId: number, from: { address?: string; userAgent?: string | null }, now = Date.now()): Promise<string> {
  const id = randomToken();
  await writeTransaction(db, async (tx) => {
    await tx.delete(sessions).where(lte(sessions.expiresAt, now));
    await tx.insert(sessions).values({
      id,
      userId,
      createdAt: now,
      expiresAt: now + SESSION_MAX_AGE_S * 1000,
      clientAddress: from.address ?? null,
      userAgent: from.userAgent ? from.userAgent.slice(0, 300) : null,
    });
  });
  return id;
}

/** What a request needs to know of the staff member behind a session (no password hash: it may be kept in memory). */
export type SessionUser = Pick<User, "id" | "email" | "name" | "role" | "active">;

// Every staff request reads this: prepared once per connection (and on PostgreSQL kept in memory, ./notified-cache).
const staffBySessionQuery = prepared((db) =>
  db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, active: users.active, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder("id")), gt(sessions.expiresAt, sql.placeholder("now"))))
    .prepare(),
);

/** The user whose live session this is, or undefined when the session has ended or run out. */
export async function userBySession(db: Db, sessionId: string, now = Date.now()): Promise<SessionUser | undefined> {
  const load = async () => (await staffBySessionQuery(db).execute({ id: sessionId, now }))[0];
  const cache = notifiedCache(db);
  const live = cache ? await cache.read(`session:${sessionId}`, load) : await load();
  // A kept session may have run out since it was read.
  if (!live || live.expiresAt <= now) return undefined;
  return { id: live.id, email: live.email, name: live.name, role: live.role, active: live.active };
}

/** Signing out: ends this one session. */
export async function endSession(db: Db, sessionId: string): Promise<void> {
  await writeTransaction(db, (tx) => tx.delete(sessions).where(eq(sessions.id, sessionId)));
  forgetCached(db);
}

/**
 * Ends every session of a user (a password reset, disabling, a role change, "Sign out everywhere"), or every one but
 * the session given (changing one's own password keeps the browser that did it signed in). Takes a tx, so it can be
 * part of the change that calls for it.
 */
export async function endUserSessions(db: Db | Tx, userId: number, except?: string): Promise<number> {
  const where = except ? and(eq(sessions.userId, userId), ne(sessions.id, except)) : eq(sessions.userId, userId);
  const ended = await writeTransaction(db, (tx) => tx.delete(sessions).where(where).returning({ id: sessions.id }));
  forgetCached(db);
  return ended.length;
}

/** A user's live sessions, newest first, for the account page. */
export async function userSessions(db: Db, userId: number, now = Date.now()): Promise<Session[]> {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.createdAt));
}
