"use server";
// Admins manage staff accounts. The database refuses to leave the installation without an active admin.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireStaffAction } from "@/auth";
import { getDb } from "@/db/client";
import { createUser, setUserPassword, updateUserAccess, updateUserName, userById } from "@/db/users";
import { newPasswordProblem } from "@/lib/password-rules";

const PAGE = "/dashboard/settings/users";

function back(params: Record<string, string>): never {
  revalidatePath("/dashboard", "layout");
  redirect(`${PAGE}?${new URLSearchParams(params)}`);
}

export type AddUserState = { message?: string; fieldErrors?: Partial<Record<"email" | "name" | "role" | "password", string>>; values?: Record<string, string> };

export async function addUserAction(_prev: AddUserState, formData: FormData): Promise<AddUserState> {
  await requireStaffAction("admin");
  const values = Object.fromEntries(["email", "name", "role", "password"].map((k) => [k, String(formData.get(k) ?? "")]));
  const fieldErrors: AddUserState["fieldErrors"] = {};
  if (!values.name.trim()) fieldErrors.name = "Enter the person's name.";
  else if (values.name.trim().length > 100) fieldErrors.name = "Keep the name under 100 characters.";
  if (Object.keys(fieldErrors).length === 0) {
    const res = await createUser(getDb(), { email: values.email, password: values.password, role: values.role, name: values.name });
    if (res.ok) back({ notice: "added", email: res.user.email });
    fieldErrors[res.error === "exists" ? "email" : res.error] = res.message;
  }
  // The password is never sent back to the browser.
  return { message: "Please correct the fields marked below.", fieldErrors, values: { ...values, password: "" } };
}

const roleSchema = z.enum(["admin", "agent"]);

export async function changeRoleAction(userId: number, formData: FormData) {
  await requireStaffAction("admin");
  const role = roleSchema.safeParse(formData.get("role"));
  if (!role.success) back({ error: "bad_role" });
  const target = userById(getDb(), userId);
  const res = updateUserAccess(getDb(), userId, { role: role.data });
  if (res !== "ok") back({ error: res });
  back({ notice: "role", email: target?.email ?? "", role: role.data });
}

export async function setActiveAction(userId: number, active: boolean) {
  await requireStaffAction("admin");
  const target = userById(getDb(), userId);
  const res = updateUserAccess(getDb(), userId, { active });
  if (res !== "ok") back({ error: res });
  back({ notice: active ? "enabled" : "disabled", email: target?.email ?? "" });
}

export type PasswordState = { error?: string };

export async function resetPasswordAction(userId: number, _prev: PasswordState, formData: FormData): Promise<PasswordState> {
  await requireStaffAction("admin");
  const password = String(formData.get("password") ?? "");
  const problem = newPasswordProblem(password);
  if (problem) return { error: problem };
  const target = userById(getDb(), userId);
  if (!target) back({ error: "not_found" });
  // Signs the user out everywhere: whoever held their old password or a cookie from it is out.
  await setUserPassword(getDb(), userId, password);
  back({ notice: "password", email: target.email });
}

export async function renameUserAction(userId: number, formData: FormData) {
  await requireStaffAction("admin");
  const name = String(formData.get("name") ?? "").trim();
  if (!name || name.length > 100) back({ error: "bad_name" });
  updateUserName(getDb(), userId, name);
  back({ notice: "renamed" });
}
