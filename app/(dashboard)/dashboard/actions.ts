"use server";
// Server actions of the dashboard's frame. (Approve and Cancel post to app/(dashboard)/dashboard/decide/[decision].)
import { currentSessionId, signOut } from "@/auth";
import { getDb } from "@/db/client";
import { endSession } from "@/db/sessions";

export async function signOutAction() {
  // Auth.js's signOut event ends the row too; doing it here first does not depend on how Auth.js calls it.
  const sid = await currentSessionId();
  if (sid) endSession(getDb(), sid);
  await signOut({ redirectTo: "/login" });
}
