// Staff accounts, signing in (with throttling) and the business profile.
import bcrypt from "bcryptjs";
import { and, count, eq, ne, sql } from "drizzle-orm";
import { newPasswordProblem } from "@/lib/password-rules";
import type { Role } from "@/lib/roles";
import { forgetCached, notifiedCache, writeTransaction, type Db } from "./connection";
import { isUniqueViolation } from "./errors";
import { prepared } from "./statement-cache";
import { createSession, endUserSessions } from "./sessions";
import { businessProfile, loginThrottle, users, type BusinessProfile, type User } from "./tables";

const BCRYPT_COST = 11;

export async function userByEmail(db: Db, email: string): Promise<User | undefined> {
  return (await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())))[0];
}

// Every staff request (the session's user, see currentStaff in auth.ts) reads this: prepared once per connection.
const userByIdQuery = prepared((db) => db.select().from(users).where(eq(users.id, sql.placeholder("id"))).prepare());

export async function userById(db: Db, id: number): Promise<User | undefined> {
  return (await userByIdQuery(db).execute({ id }))[0];
}

export async function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

// Compared against when the email is unknown, so an unknown email costs as much time as a wrong password.
const DUMMY_HASH = bcrypt.hashSync("not-a-real-password", BCRYPT_COST);

export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return hash != null && ok;
}

export type CreateUserError = "email" | "password" | "exists" | "role" | "name";

export async function createUser(
  db: Db,
  input: { email: string; password: string; role: string; name?: string },
): Promise<{ ok: true; user: User } | { ok: false; error: CreateUserError; message: string }> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) {
    return { ok: false, error: "email", message: `"${input.email}" is not a valid email address.` };
  }
  const passwordProblem = newPasswordProblem(input.password);
  if (passwordProblem) return { ok: false, error: "password", message: passwordProblem };
  if (input.role !== "admin" && input.role !== "agent") {
    return { ok: false, error: "role", message: `The role must be "admin" or "agent".` };
  }
  if (await userByEmail(db, email)) return { ok: false, error: "exists", message: `A user with the email ${email} already exists.` };
  const role: Role = input.role;
  const passwordHash = await hashPassword(input.password);
  const name = input.name?.trim() || email.split("@")[0];
  try {
    const [user] = await writeTransaction(db, (tx) =>
      tx.insert(users).values({ email, name, passwordHash, role, active: true, createdAt: Date.now() }).returning(),
    );
    return { ok: true, user };
  } catch (err) {
    if (isUniqueViolation(err, "users.email")) {
      return { ok: false, error: "exists", message: `A user with the email ${email} already exists.` };
    }
    throw err;
  }
}

// ---- Signing in, throttled ----

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** Free failures for one account from one address, before each further try must wait. */
export const THROTTLE_FREE_FAILURES = 5;
/** Free failures from one address across all accounts: an office may share one address, so it gets more. */
export const ADDRESS_FREE_FAILURES = 20;

/**
 * The counters a sign-in attempt is judged by. Both contain the client's address, so failures from one address never
 * slow down the same account signing in from another: nobody can lock a staff member out from afar.
 */
export function signInThrottleKeys(email: string, address: string): { account: string; address: string } {
  return { account: `account:${email.trim().toLowerCase()} ip:${address}`, address: `ip:${address}` };
}

/** Failures in the current window for a key; a window older than THROTTLE_WINDOW_MS no longer counts. */
export async function recentFailures(db: Db, key: string, now = Date.now()): Promise<number> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
  if (!row || now - row.lastFailureAt > THROTTLE_WINDOW_MS) return 0;
  return row.failures;
}

export async function recordFailure(db: Db, keys: string[], now = Date.now()): Promise<void> {
  await writeTransaction(db, async (tx) => {
    for (const key of keys) {
      await tx
        .insert(loginThrottle)
        .values({ key, failures: 1, firstFailureAt: now, lastFailureAt: now })
        .onConflictDoUpdate({
          target: loginThrottle.key,
          set: {
            failures: sql`CASE WHEN ${now} - ${loginThrottle.lastFailureAt} > ${THROTTLE_WINDOW_MS} THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
            firstFailureAt: sql`CASE WHEN ${now} - ${loginThrottle.lastFailureAt} > ${THROTTLE_WINDOW_MS} THEN ${now} ELSE ${loginThrottle.firstFailureAt} END`,
            lastFailureAt: now,
          },
        });
    }
  });
}

/** True while the key must wait after too many failures (see throttleDelayMs). */
export async function isSlowedDown(db: Db, key: string, now = Date.now(), freeFailures = THROTTLE_FREE_FAILURES): Promise<boolean> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
  if (!row || now - row.lastFailureAt > THROTTLE_WINDOW_MS) return false;
  const delay = throttleDelayMs(row.failures, freeFailures);
  return delay > 0 && now - row.lastFailureAt < delay;
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await writeTransaction(db, (tx) => tx.delete(loginThrottle).where(eq(loginThrottle.key, key)));
}

/**
 * How long a key must wait after its latest failure: nothing for the first few failures, then a minute, doubling with
 * each further failure, up to 15 minutes. Attempts refused while waiting are not failures, so they never extend it.
 */
export function throttleDelayMs(failures: number, freeFailures = THROTTLE_FREE_FAILURES): number {
  if (failures < freeFailures) return 0;
  return Math.min(15 * 60_000, 60_000 * 2 ** (failures - freeFailures));
}

export type SignInResult = { ok: true; user: User; sessionId: string } | { ok: false; reason: "wrong" | "throttled" };

/**
 * Checks an email and password from a client address and, when right, starts a session. Every answer costs one bcrypt
 * comparison (an unknown email is compared against a dummy hash, a refusal while slowed down against it too), so the
 * time taken tells nothing about which it was.
 */
export async function signInWithPassword(
  db: Db,
  input: { email: string; password: string; address: string; userAgent?: string | null },
  now = Date.now(),
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const keys = signInThrottleKeys(email, input.address);
  if ((await isSlowedDown(db, keys.account, now)) || (await isSlowedDown(db, keys.address, now, ADDRESS_FREE_FAILURES))) {
    await verifyPassword(input.password, null);
    return { ok: false, reason: "throttled" };
  }
  const user = await userByEmail(db, email);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? null);
  if (!ok || !user || !user.active) {
    await recordFailure(db, [keys.account, keys.address], now);
    return { ok: false, reason: "wrong" };
  }
  // The address's own count stays: one good account must not wash out guesses at the others.
  await clearFailures(db, keys.account);
  return { ok: true, user, sessionId: await createSession(db, user.id, { address: input.address, userAgent: input.userAgent }, now) };
}

// ---- Business profile ----

const DEFAULT_PROFILE: BusinessProfile = {
  id: 1,
  name: "Direct Payments",
  supportContact: "",
  defaultCurrency: "EUR",
  defaultHoursOpen: 72,
  defaultLocale: "en",
  reminderHoursBefore: null,
  logoFile: null,
  logoMime: null,
};

// Read by every API create without an expiry and by every payer's page: prepared once per connection.
const businessProfileQuery = prepared((db) => db.select().from(businessProfile).where(eq(businessProfile.id, 1)).prepare());

export async function getBusinessProfile(db: Db): Promise<BusinessProfile> {
  return (await businessProfileQuery(db).execute())[0] ?? DEFAULT_PROFILE;
}

/**
 * The profile as the API's create reads it (its default expiry): on PostgreSQL kept in memory (./notified-cache), so
 * a change elsewhere reaches it a notification later, and shared by every caller (never changed by one). Not for the
 * payer's page: it is cached under the settings version read beside it, and must never pair a new version with an
 * old profile.
 */
export async function cachedBusinessProfile(db: Db): Promise<BusinessProfile> {
  const load = async () => (await businessProfileQuery(db).execute())[0];
  const cache = notifiedCache(db);
  return (cache ? await cache.read("business-profile", load) : await load()) ?? DEFAULT_PROFILE;
}

/** Saves the profile; the e-mail settings (default language, reminder hours) stay as they are when not given; the logo has its own action. */
export async function saveBusinessProfile(
  db: Db,
  profile: Omit<BusinessProfile, "id" | "defaultLocale" | "reminderHoursBefore" | "logoFile" | "logoMime"> &
    Partial<Pick<BusinessProfile, "defaultLocale" | "reminderHoursBefore">>,
): Promise<void> {
  await writeTransaction(db, (tx) =>
    tx
      .insert(businessProfile)
      .values({ id: 1, ...profile })
      .onConflictDoUpdate({ target: businessProfile.id, set: profile }),
  );
  forgetCached(db);
}

/**
 * Puts a new logo (a stored file's name and its type) in the profile, or none (null), and returns the file it
 * replaced, for the caller to remove once this has committed.
 */
export async function setBusinessLogo(db: Db, logo: { file: string; mime: string } | null): Promise<string | null> {
  const replaced = await writeTransaction(db, async (tx) => {
    const [before] = await tx.select({ logoFile: businessProfile.logoFile }).from(businessProfile).where(eq(businessProfile.id, 1));
    const set = { logoFile: logo?.file ?? null, logoMime: logo?.mime ?? null };
    await tx
      .insert(businessProfile)
      .values({ ...DEFAULT_PROFILE, ...set })
      .onConflictDoUpdate({ target: businessProfile.id, set });
    return before?.logoFile ?? null;
  });
  forgetCached(db);
  return replaced;
}

// ---- Managing staff ----

export async function listUsers(db: Db): Promise<User[]> {
  return db.select().from(users).orderBy(users.email);
}

export type UserChangeResult = "ok" | "not_found" | "last_admin";

/**
 * Changes a user's role and/or active flag, refusing any change that would leave no active admin. Checked inside the
 * write transaction, so two admins demoting each other at once cannot both succeed.
 */
export async function updateUserAccess(db: Db, id: number, change: { role?: Role; active?: boolean }): Promise<UserChangeResult> {
  const result = await writeTransaction(db, async (tx) => {
    const [u] = await tx.select().from(users).where(eq(users.id, id));
    if (!u) return "not_found" as const;
    const role = change.role ?? u.role;
    const active = change.active ?? u.active;
    const losesAdmin = u.role === "admin" && u.active && (role !== "admin" || !active);
    if (losesAdmin) {
      const [others] = await tx
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.role, "admin"), eq(users.active, true), ne(users.id, id)));
      if (others.n === 0) return "last_admin" as const;
    }
    await tx.update(users).set({ role, active }).where(eq(users.id, id));
    // A new role or a disabled account takes effect by signing the user out everywhere: a session carries no role,
    // but a browser left signed in by someone whose access was cut must not come back when the account is enabled.
    if (role !== u.role || !active) await endUserSessions(tx, id);
    return "ok" as const;
  });
  forgetCached(db);
  return result;
}

/**
 * Sets a new password and ends every session of the user, but for `keepSession` (the browser of a user who changed
 * their own password). Whoever knew the old password, or held a cookie from it, is out.
 */
export async function setUserPassword(db: Db, id: number, password: string, keepSession?: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  const changed = await writeTransaction(db, async (tx) => {
    const updated = (await tx.update(users).set({ passwordHash }).where(eq(users.id, id)).returning({ id: users.id })).length === 1;
    if (updated) await endUserSessions(tx, id, keepSession);
    return updated;
  });
  forgetCached(db);
  return changed;
}

export async function updateUserName(db: Db, id: number, name: string): Promise<boolean> {
  const changed = await writeTransaction(db, (tx) => tx.update(users).set({ name }).where(eq(users.id, id)).returning({ id: users.id }));
  forgetCached(db);
  return changed.length === 1;
}
