import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    role?: "admin" | "agent";
    /** The session row (db/sessions.ts) started by this sign-in. */
    sid?: string;
  }
  interface Session {
    user: { id: string; role: "admin" | "agent"; name?: string | null; email?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: "admin" | "agent";
    sid?: string;
  }
}
