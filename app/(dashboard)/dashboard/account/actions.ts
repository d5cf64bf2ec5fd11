"use server";
import { redirect } from "next/navigation";
import { requireStaffAction } from "@/auth";
import { getDb } from "@/db/client";
import { MIN_PASSWORD_LENGTH, setUserPassword, userById, verifyPassword } from "@/db/users";

export type ChangePasswordState = { fieldErrors?: Partial<Record<"current" | "next" | "confirm", string>> };

export async function changeOwnPasswordAction(_prev: ChangePasswordState, formData: FormData): Promise<ChangePasswordState> {
  const staff = await requireStaffAction();
  const current = String(formData.get("current") ?? "");
  const next = String(formData.get("next") ?? "");
  const confirm = String(formData.get("confirm") ?? "");
  const fieldErrors: ChangePasswordState["fieldErrors"] = {};
  if (next.length < MIN_PASSWORD_LENGTH) fieldErrors.next = `The new password must be at least ${MIN_PASSWORD_LENGTH} characters long.`;
  else if (next.length > 200) fieldErrors.next = "Keep the password under 200 characters.";
  if (confirm !== next) fieldErrors.confirm = "The two new passwords differ.";
  const user = userById(getDb(), staff.id);
  if (!(await verifyPassword(current, user?.passwordHash ?? null))) fieldErrors.current = "That is not your current password.";
  if (Object.keys(fieldErrors).length) return { fieldErrors };
  await setUserPassword(getDb(), staff.id, next);
  redirect("/dashboard/account?notice=password");
}
