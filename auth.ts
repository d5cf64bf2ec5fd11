// Auth.js with email + password, throttled; and the checks every dashboard page, action and route calls itself.
import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
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

const { handlers, auth: uncachedAuth, signIn, signOut } = NextAuth({
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
export const auth = cache(uncachedAuth);

export type Staff = Pick<User, "id" | "email" | "name" | "role">;

/**
 * The signed-in, still-active staff member, read from the database on every request (so a disabled user or a
 * changed role takes effect at once), or null.
 */
export const currentStaff = cache(async (): Promise<Staff | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
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
