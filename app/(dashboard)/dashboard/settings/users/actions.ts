"use server";
// Admins manage staff accounts. The database refuses to leave the installation without an active admin.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { createUser, setUserPassword, updateUserAccess, userById } from "@/db/users";
import { recordId, secret } from "@/lib/form-state";
import { newPasswordField } from "@/lib/password-rules";
import { ROLES } from "@/lib/roles";
import { staffAction } from "@/server/staff-action";

const PAGE = "/dashboard/settings/users";

function back(params: Record<string, string>): never {
  revalidatePath("/dashboard", "layout");
  redirect(`${PAGE}?${new URLSearchParams(params)}`);
}

const role = z.enum(ROLES, "Choose admin or agent.");

// The email is checked (and made lower case) by createUser, which the command line's user:create shares.
const AddUserForm = z.object({
  email: z.string(),
  name: z.string().trim().min(1, "Enter the person's name.").max(100, "Keep the name under 100 characters."),
  role,
  password: secret(newPasswordField),
});

export const addUserAction = staffAction({ role: "admin", schema: AddUserForm }, async (input) => {
  const res = await createUser(await getDb(), input);
  if (res.ok) back({ notice: "added", email: res.user.email });
  return { fieldErrors: { [res.error === "exists" ? "email" : res.error]: res.message } };
});

export const changeRoleAction = staffAction(
  { role: "admin", args: [recordId], schema: z.object({ role }), plain: true },
  async (input, _staff, userId) => {
    const target = await userById(await getDb(), userId);
    const res = await updateUserAccess(await getDb(), userId, { role: input.role });
    if (res !== "ok") back({ error: res });
    back({ notice: "role", email: target?.email ?? "", role: input.role });
  },
);

export const setActiveAction = staffAction({ role: "admin", args: [recordId, z.boolean()] }, async (_, _staff, userId, active) => {
  const target = await userById(await getDb(), userId);
  const res = await updateUserAccess(await getDb(), userId, { active });
  if (res !== "ok") back({ error: res });
  back({ notice: active ? "enabled" : "disabled", email: target?.email ?? "" });
});

export const resetPasswordAction = staffAction(
  { role: "admin", args: [recordId], schema: z.object({ password: secret(newPasswordField) }) },
  async ({ password }, _staff, userId) => {
    const target = await userById(await getDb(), userId);
    if (!target) back({ error: "not_found" });
    // Signs the user out everywhere: whoever held their old password or a cookie from it is out.
    await setUserPassword(await getDb(), userId, password);
    back({ notice: "password", email: target.email });
  },
);
