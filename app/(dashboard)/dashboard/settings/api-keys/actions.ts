"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireStaffAction } from "@/auth";
import { getDb } from "@/db/client";
import { createApiKey, revokeApiKey } from "@/db/api";
import { isApiScope, scopesOf, type ApiScope } from "@/lib/api/scopes";

export type NewKeyState = {
  fieldErrors?: { name?: string; scopes?: string };
  values?: { name: string; scopes: ApiScope[] };
  created?: { name: string; key: string; scopes: ApiScope[] };
};

export async function createApiKeyAction(_prev: NewKeyState, formData: FormData): Promise<NewKeyState> {
  const staff = await requireStaffAction("admin");
  const name = String(formData.get("name") ?? "").trim();
  const submitted = formData.getAll("scopes").map(String);
  const scopes = scopesOf(submitted);
  const fieldErrors: NewKeyState["fieldErrors"] = {};
  if (!name) fieldErrors.name = "Name the key after the shop or system that uses it.";
  else if (name.length > 80) fieldErrors.name = "Keep the name under 80 characters.";
  if (scopes.length === 0 || !submitted.every(isApiScope)) fieldErrors.scopes = "Choose at least one thing this key may do.";
  if (fieldErrors.name || fieldErrors.scopes) return { fieldErrors, values: { name, scopes } };
  const { key } = createApiKey(getDb(), name, staff.id, scopes);
  revalidatePath("/dashboard/settings/api-keys");
  // The secret travels to the browser exactly once, in this answer; only its hash is stored.
  return { created: { name, key, scopes } };
}

export async function revokeApiKeyAction(id: number) {
  await requireStaffAction("admin");
  revokeApiKey(getDb(), id);
  revalidatePath("/dashboard/settings/api-keys");
  redirect("/dashboard/settings/api-keys?notice=revoked");
}
