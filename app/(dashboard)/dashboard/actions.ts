"use server";
// Server actions of the dashboard's frame. (Approve and Cancel post to app/(dashboard)/dashboard/decide/[decision].)
import { signOut } from "@/auth";
import { staffAction } from "@/server/staff-action";

/** Auth.js's signOut event (auth.ts) ends the session's row, here and on its own /api/auth/signout alike. */
export const signOutAction = staffAction({ role: "staff" }, async () => {
  await signOut({ redirectTo: "/login" });
});
