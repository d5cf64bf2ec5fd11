"use server";
import { redirect } from "next/navigation";
import { currentSessionId, requireStaffAction, signOut } from "@/auth";
import { getDb } from "@/db/client";
import { endUserSessions } from "@/db/sessions";
import { setUserPassword, userById, verifyPassword } from "@/db/users";
import { newPasswordProblem } from "@/lib/password-rules";

export type ChangePasswordState = { fieldErrors?: Partial<Record<"current" | "next" | "confirm", string>> };

export async function changeOwnPasswordAction(_prev: ChangePasswordState, formData: FormData): Promise<ChangePasswordState> {
  const staff = await requireStaffAction();
  const current = String(formData.get("current") ?? "");
  const next = String(formData.get("next") ?? "");
  const confirm = String(formData.get("confirm") ?? "");
  const fieldErrors: ChangePasswordState["fieldErrors"] = {};
  const problem = newPasswordProblem(next);
  if (problem) fieldErrors.next = problem.replace("The password", "The new password");
  if (confirm !== next) fieldErrors.confirm = "The two new passwords differ.";
  const user = userById(getDb(), staff.id);
  if (!(await verifyPassword(current, user?.passwordHash ?? null))) fieldErrors.current = "That is not your current password.";
  if (Object.keys(fieldErrors).length) return { fieldErrors };
  // Every other browser signed in as this user is signed out; this one stays.
  await setUserPassword(getDb(), staff.id, next, (await currentSessionId()) ?? undefined);
  redirect("/dashboard/account?notice=password");
}

/** "Sign out everywhere": ends every session of this user, this browser's too. */
export async function signOutEverywhereAction() {
  const staff = await requireStaffAction();
  endUserSessions(getDb(), staff.id);
  await signOut({ redirectTo: "/login?notice=signed-out-everywhere" });
}
