// Auth.js with email + password, throttled; and the checks every dashboard page, action and route calls itself.
import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
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
import { requestLog } from "./server/request-log";
import { sessionIdFromCookie } from "./server/session-cookie";

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
        const result = await signInWithPassword(await getDb(), {
          ...parsed.data,
          address: clientAddress(request.headers),
          userAgent: request.headers.get("user-agent"),
        });
        // Who tried, by the domain of the address only (never the password or the whole address), and how it went.
        const log = requestLog(request.headers, { event: "sign-in" });
        if (!result.ok) {
          log.info({ outcome: result.reason, emailDomain: parsed.data.email.split("@").pop()?.toLowerCase() }, "sign-in refused");
          if (result.reason === "throttled") throw new ThrottledSignin();
          return null;
        }
        const { user, sessionId } = result;
        log.info({ outcome: "ok", userId: user.id }, "signed in");
        return { id: String(user.id), name: user.name, email: user.email, role: user.role, sid: sessionId };
      },
    }),
  ],
  events: {
    // Signing out ends the session's row, so the cookie is worthless even if a copy of it survives somewhere.
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") await endSession(await getDb(), sid);
    },
  },
});

export { handlers, signIn, signOut };

export type Staff = Pick<User, "id" | "email" | "name" | "role">;

/** The id of the session row the request's cookie names, or null (server/session-cookie.ts says why not auth()). */
export const currentSessionId = sessionIdFromCookie;

/**
 * The signed-in, still-active staff member whose session still stands, read from the database on every request (so
 * signing out, a new password, a disabled user or a changed role takes effect at once), or null.
 */
export const currentStaff = cache(async (): Promise<Staff | null> => {
  const sid = await currentSessionId();
  if (sid == null) return null;
  const user = await userBySession(await getDb(), sid);
  if (!user || !user.active) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

/**
 * For pages and server actions (through server/staff-action.ts): the staff member, or a refusal that writes nothing. Anyone not signed in (or disabled) is sent to sign in; a signed-in agent asking for an admin's
 * page or action is sent back to the dashboard with "forbidden".
 */
export async function requireStaff(role?: "admin"): Promise<Staff> {
  const staff = await currentStaff();
  if (!staff) redirect("/login");
  if (role === "admin" && staff.role !== "admin") redirect("/dashboard?error=forbidden");
  return staff;
}
