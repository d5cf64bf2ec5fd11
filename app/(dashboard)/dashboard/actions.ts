"use server";
// Server actions of the dashboard's frame. (Approve and Cancel post to app/(dashboard)/dashboard/decide/[decision].)
import { signOut } from "@/auth";

export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}
