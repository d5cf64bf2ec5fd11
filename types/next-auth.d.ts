import "next-auth";
import "next-auth/jwt";
import type { Role } from "@/lib/roles";

declare module "next-auth" {
  interface User {
    role?: Role;
    /** The session row (db/sessions.ts) started by this sign-in. */
    sid?: string;
  }
  interface Session {
    user: { id: string; role: Role; name?: string | null; email?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    sid?: string;
  }
}
