// Auth.js with email + password, throttled; and the checks every dashboard page, action and route calls itself.
import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import { decode } from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { authConfig } from "./auth.config";
import { getDb } from "./db/client";
import { clearFailures, isLockedOut, recordFailure, userByEmail, userById, verifyPassword } from "./db/users";
import type { User } from "./db/schema";

export class ThrottledSignin extends CredentialsSignin {
  code = "throttled";
}

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(1000) });

/** The client's address as told by a reverse proxy we were told to trust (TRUST_PROXY=1); otherwise one shared bucket. */
function clientIp(request: Request | undefined): string {
  if (process.env.TRUST_PROXY !== "1") return "direct";
  const fwd = request?.headers.get("x-forwarded-for")?.split(",").pop()?.trim();
  return fwd || request?.headers.get("x-real-ip") || "direct";
}

// One address may hold several staff members (an office), so it gets more tries than one account.
const IP_FREE_FAILURES = 20;

function isThrottled(key: string, now: number): boolean {
  return isLockedOut(getDb(), key, now, key.startsWith("ip:") ? IP_FREE_FAILURES : undefined);
}

const { handlers, signIn, signOut } = NextAuth({
  ...authConfig,
  logger: {
    // A wrong password is an everyday event, not a server error worth a stack trace.
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error(error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const db = getDb();
        const email = parsed.data.email.toLowerCase();
        const keys = [`email:${email}`, `ip:${clientIp(request)}`];
        const now = Date.now();
        const user = userByEmail(db, email);
        if (keys.some((k) => isThrottled(k, now))) {
          // Spend the same time as a real check, so a refusal is never a faster answer.
          await verifyPassword(parsed.data.password, null);
          recordFailure(db, keys, now);
          throw new ThrottledSignin();
        }
        const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? null);
        if (!ok || !user || !user.active) {
          recordFailure(db, keys, now);
          return null;
        }
        clearFailures(db, keys[0]);
        return { id: String(user.id), name: user.name, email: user.email, role: user.role };
      },
    }),
  ],
});

export { handlers, signIn, signOut };

export type Staff = Pick<User, "id" | "email" | "name" | "role">;

// Auth.js's session cookie, with the prefix it adds on https.
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/**
 * Decrypting the session cookie (an Auth.js JWE: key derivation, AES, HMAC) costs about a millisecond, and Auth.js's
 * own auth() also encrypts a fresh one each call. Every dashboard request needs only the user id in it, so decoded
 * cookies are kept here by their exact value until the token's own expiry (bounded; the oldest go first).
 */
const decodedSessions = new Map<string, { uid: number; exp: number }>();
const MAX_DECODED_SESSIONS = 1000;

async function sessionUserId(): Promise<number | null> {
  const jar = await cookies();
  for (const name of SESSION_COOKIES) {
    const value = jar.get(name)?.value;
    if (!value) continue;
    const now = Date.now() / 1000;
    const known = decodedSessions.get(value);
    if (known) return known.exp > now ? known.uid : null;
    const secret = process.env.AUTH_SECRET;
    if (!secret) return null;
    const token = await decode({ token: value, secret, salt: name }).catch(() => null);
    const uid = Number(token?.uid);
    const exp = Number(token?.exp);
    if (!token || !Number.isSafeInteger(uid) || uid <= 0 || !(exp > now)) return null;
    if (decodedSessions.size >= MAX_DECODED_SESSIONS) decodedSessions.delete(decodedSessions.keys().next().value!);
    decodedSessions.set(value, { uid, exp });
    return uid;
  }
  return null;
}

/**
 * The signed-in, still-active staff member, read from the database on every request (so a disabled user or a
 * changed role takes effect at once), or null.
 */
export const currentStaff = cache(async (): Promise<Staff | null> => {
  const id = await sessionUserId();
  if (id == null) return null;
  const user = userById(getDb(), id);
  if (!user || !user.active) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

/** For pages: sends anyone not signed in (or disabled) to the sign-in page. */
export async function requireStaffPage(role?: "admin"): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) redirect("/login");
  if (role === "admin" && staff.role !== "admin") redirect("/dashboard?error=forbidden");
  return staff;
}

/**
 * For server actions: the staff member, or a refusal that writes nothing. Anonymous callers are sent to sign in; a
 * signed-in agent calling an admin action is sent back to the dashboard with "forbidden".
 */
export async function requireStaffAction(role?: "admin"): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) redirect("/login");
  if (role === "admin" && staff.role !== "admin") redirect("/dashboard?error=forbidden");
  return staff;
}
