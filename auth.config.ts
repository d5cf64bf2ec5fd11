// The session and callback part of the Auth.js set-up (the provider that checks passwords is in auth.ts).
import type { NextAuthConfig } from "next-auth";
import type { Role } from "./lib/roles";
import { SESSION_MAX_AGE_S } from "./lib/staff-session";

export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.sid = user.sid;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user) {
        session.user.id = String(token.uid ?? "");
        session.user.role = (token.role as Role | undefined) ?? "agent";
      }
      return session;
    },
  },
} satisfies NextAuthConfig;
