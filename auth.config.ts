// Edge-safe part of the Auth.js set-up, shared by proxy.ts (a first filter only) and auth.ts.
import type { NextAuthConfig } from "next-auth";

export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      const signedIn = !!auth?.user;
      if (request.nextUrl.pathname.startsWith("/dashboard")) return signedIn;
      return true;
    },
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
