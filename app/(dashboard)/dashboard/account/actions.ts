"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { currentSessionId, signOut } from "@/auth";
import { getDb } from "@/db/client";
import { endUserSessions } from "@/db/sessions";
import { setUserPassword, userById, verifyPassword } from "@/db/users";
import { secret } from "@/lib/form-state";
import { newPasswordProblem } from "@/lib/password-rules";
import { staffAction } from "@/server/staff-action";

const ChangePasswordForm = z
  .object({ current: secret(z.string()), next: secret(z.string()), confirm: secret(z.string()) })
  .superRefine(({ next, confirm }, ctx) => {
    const problem = newPasswordProblem(next);
    if (problem) ctx.addIssue({ code: "custom", path: ["next"], message: problem.replace("The password", "The new password") });
    if (confirm !== next) ctx.addIssue({ code: "custom", path: ["confirm"], message: "The two new passwords differ." });
  });

export const changeOwnPasswordAction = staffAction({ role: "staff", schema: ChangePasswordForm }, async ({ current, next }, staff) => {
  const user = await userById(await getDb(), staff.id);
  if (!(await verifyPassword(current, user?.passwordHash ?? null))) return { fieldErrors: { current: "That is not your current password." } };
  // Every other browser signed in as this user is signed out; this one stays.
  await setUserPassword(await getDb(), staff.id, next, (await currentSessionId()) ?? undefined);
  redirect("/dashboard/account?notice=password");
});

/** "Sign out everywhere": ends every session of this user, this browser's too. */
export const signOutEverywhereAction = staffAction({ role: "staff" }, async (_, staff) => {
  await endUserSessions(await getDb(), staff.id);
  await signOut({ redirectTo: "/login?notice=signed-out-everywhere" });
});
