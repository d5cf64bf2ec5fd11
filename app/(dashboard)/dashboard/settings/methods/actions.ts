"use server";
// Admins' changes to payment methods.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { createMethod, deleteUnusedMethod, methodById, moveMethod, setMethodArchived, setMethodEnabled, updateMethod } from "@/db/methods";
import { recordId } from "@/lib/form-state";
import { MethodForm, methodFormValuesFrom } from "@/lib/method-form";
import { staffAction } from "@/server/staff-action";

const LIST = "/dashboard/settings/methods";

function done(params: Record<string, string>): never {
  revalidatePath("/dashboard", "layout");
  redirect(`${LIST}?${new URLSearchParams(params)}`);
}

export const saveMethodAction = staffAction(
  { role: "admin", args: [recordId.nullable()], schema: MethodForm, read: methodFormValuesFrom },
  async (method, _staff, methodId) => {
    const db = await getDb();
    if (methodId == null) {
      const m = await createMethod(db, method);
      done({ notice: "created", name: m.name });
    }
    if (!(await methodById(db, methodId))) done({ error: "not_found" });
    await updateMethod(db, methodId, method);
    done({ notice: "saved", name: method.name });
  },
);

export const setMethodEnabledAction = staffAction({ role: "admin", args: [recordId, z.boolean()] }, async (_, _staff, methodId, enabled) => {
  const db = await getDb();
  const m = await methodById(db, methodId);
  if (!m) done({ error: "not_found" });
  if (m.archived) done({ error: "archived_method" });
  await setMethodEnabled(db, methodId, enabled);
  done({ notice: enabled ? "enabled" : "disabled", name: m.name });
});

export const moveMethodAction = staffAction({ role: "admin", args: [recordId, z.enum(["up", "down"])] }, async (_, _staff, methodId, direction) => {
  await moveMethod(await getDb(), methodId, direction);
  done({ notice: "moved" });
});

export const setMethodArchivedAction = staffAction({ role: "admin", args: [recordId, z.boolean()] }, async (_, _staff, methodId, archived) => {
  const db = await getDb();
  const m = await methodById(db, methodId);
  if (!m) done({ error: "not_found" });
  await setMethodArchived(db, methodId, archived);
  done({ notice: archived ? "archived" : "unarchived", name: m.name });
});

export const deleteMethodAction = staffAction({ role: "admin", args: [recordId] }, async (_, _staff, methodId) => {
  const db = await getDb();
  const m = await methodById(db, methodId);
  const result = await deleteUnusedMethod(db, methodId);
  if (result === "in_use") done({ error: "in_use", name: m?.name ?? "" });
  if (result === "not_found") done({ error: "not_found" });
  done({ notice: "deleted", name: m?.name ?? "" });
});
