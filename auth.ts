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
import { endSession, userBySession } from "./db/sessions";
import { signInWithPassword } from "./db/users";
import { clientAddress } from "./lib/client-address";
import type { User } from "./db/schema";
import { logger } from "./server/logger";

export class ThrottledSignin extends CredentialsSignin {
  code = "throttled";
}

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(1000) });

const { handlers, signIn, signOut } = NextAuth({
  ...authConfig,
  logger: {
    // A wrong password is an everyday event, not a server error worth a stack trace.
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      logger.error({ err: error }, "auth error");
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const result = await signInWithPassword(getDb(), {
          ...parsed.data,
          address: clientAddress(request.headers),
          userAgent: request.headers.get("user-agent"),
        });
        if (!result.ok) {
          if (result.reason === "throttled") throw new ThrottledSignin();
          return null;
        }
        const { user, sessionId } = result;
        return { id: String(user.id), name: user.name, email: user.email, role: user.role, sid: sessionId };
      },
    }),
  ],
  events: {
    // Signing out ends the session's row, so the cookie is worthless even if a copy of it survives somewhere.
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") endSession(getDb(), sid);
    },
  },
});

export { handlers, signIn, signOut };

export type Staff = Pick<User, "id" | "email" | "name" | "role">;

// Auth.js's session cookie, with the prefix it adds on https.
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/**
 * Decrypting the session cookie (an Auth.js JWE: key derivation, AES, HMAC) costs about a millisecond, and Auth.js's
 * own auth() also encrypts a fresh one each call. Every dashboard request needs only the session id in it, so decoded
 * cookies are kept here by their exact value until the token's own expiry (bounded; the oldest go first). Whether that
 * session still stands is read from the database on every request.
 */
const decodedSessions = new Map<string, { sid: string; exp: number }>();
const MAX_DECODED_SESSIONS = 1000;

/** The id of the session row the request's cookie names, or null (no cookie, a forged or run-out one, or one from before sessions had rows). */
export async function currentSessionId(): Promise<string | null> {
  const jar = await cookies();
  for (const name of SESSION_COOKIES) {
    const value = jar.get(name)?.value;
    if (!value) continue;
    const now = Date.now() / 1000;
    const known = decodedSessions.get(value);
    if (known) return known.exp > now ? known.sid : null;
    const secret = process.env.AUTH_SECRET;
    if (!secret) return null;
    const token = await decode({ token: value, secret, salt: name }).catch(() => null);
    const sid = token?.sid;
    const exp = Number(token?.exp);
    if (!token || typeof sid !== "string" || !sid || !(exp > now)) return null;
    if (decodedSessions.size >= MAX_DECODED_SESSIONS) decodedSessions.delete(decodedSessions.keys().next().value!);
    decodedSessions.set(value, { sid, exp });
    return sid;
  }
  return null;
}

/**
 * The signed-in, still-active staff member whose session still stands, read from the database on every request (so
 * signing out, a new password, a disabled user or a changed role takes effect at once), or null.
 */
export const currentStaff = cache(async (): Promise<Staff | null> => {
  const sid = await currentSessionId();
  if (sid == null) return null;
  const user = userBySession(getDb(), sid);
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
