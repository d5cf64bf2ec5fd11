// The session and callback part of the Auth.js set-up (the provider that checks passwords is in auth.ts).
import type { NextAuthConfig } from "next-auth";

export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user) {
        session.user.id = String(token.uid ?? "");
        session.user.role = (token.role as "admin" | "agent" | undefined) ?? "agent";
      }
      return session;
    },
  },
} satisfies NextAuthConfig;
