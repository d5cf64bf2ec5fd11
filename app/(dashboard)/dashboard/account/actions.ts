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
import { setPendingMail } from "@/db/email-outbox";
import { DIGEST_MINUTES, PENDING_MAIL_CHOICES } from "@/lib/email/outbox-states";

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

const PendingMailForm = z.object({
  pendingMail: z.enum(PENDING_MAIL_CHOICES, "Choose one."),
  digestMinutes: z.coerce.number<string>().refine((n) => (DIGEST_MINUTES as readonly number[]).includes(n), "Choose an interval."),
});

/** What this staff member hears by e-mail of payments waiting for approval. */
export const savePendingMailAction = staffAction({ role: "staff", schema: PendingMailForm, plain: true }, async (input, staff) => {
  await setPendingMail(await getDb(), staff.id, input.pendingMail, input.digestMinutes);
  redirect("/dashboard/account?notice=mail");
});
