"use server";
// Admins' changes to payment methods. Each action checks the admin role itself before touching anything.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireStaffAction } from "@/auth";
import { getDb } from "@/db/client";
import { createMethod, deleteUnusedMethod, methodById, moveMethod, setMethodArchived, setMethodEnabled, updateMethod } from "@/db/methods";
import { methodFormValuesFrom, parseMethodForm, type MethodFieldErrors, type MethodFormValues } from "@/lib/method-form";

export type MethodFormState = { message?: string; errors?: MethodFieldErrors; values?: MethodFormValues };

const LIST = "/dashboard/settings/methods";

function done(params: Record<string, string>): never {
  revalidatePath("/dashboard", "layout");
  redirect(`${LIST}?${new URLSearchParams(params)}`);
}

export async function saveMethodAction(methodId: number | null, _prev: MethodFormState, formData: FormData): Promise<MethodFormState> {
  await requireStaffAction("admin");
  const values = methodFormValuesFrom(formData);
  const parsed = parseMethodForm(values);
  if (!parsed.ok) return { message: "Please correct the fields marked below.", errors: parsed.errors, values };
  const db = getDb();
  if (methodId == null) {
    const m = createMethod(db, parsed.data);
    done({ notice: "created", name: m.name });
  }
  if (!methodById(db, methodId)) done({ error: "not_found" });
  updateMethod(db, methodId, parsed.data);
  done({ notice: "saved", name: parsed.data.name });
}

export async function setMethodEnabledAction(methodId: number, enabled: boolean) {
  await requireStaffAction("admin");
  const db = getDb();
  const m = methodById(db, methodId);
  if (!m) done({ error: "not_found" });
  if (m.archived) done({ error: "archived_method" });
  setMethodEnabled(db, methodId, enabled);
  done({ notice: enabled ? "enabled" : "disabled", name: m.name });
}

export async function moveMethodAction(methodId: number, direction: "up" | "down") {
  await requireStaffAction("admin");
  moveMethod(getDb(), methodId, direction);
  done({ notice: "moved" });
}

export async function setMethodArchivedAction(methodId: number, archived: boolean) {
  await requireStaffAction("admin");
  const db = getDb();
  const m = methodById(db, methodId);
  if (!m) done({ error: "not_found" });
  setMethodArchived(db, methodId, archived);
  done({ notice: archived ? "archived" : "unarchived", name: m.name });
}

export async function deleteMethodAction(methodId: number) {
  await requireStaffAction("admin");
  const db = getDb();
  const m = methodById(db, methodId);
  const result = deleteUnusedMethod(db, methodId);
  if (result === "in_use") done({ error: "in_use", name: m?.name ?? "" });
  if (result === "not_found") done({ error: "not_found" });
  done({ notice: "deleted", name: m?.name ?? "" });
}
