"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireStaffAction } from "@/auth";
import { getDb } from "@/db/client";
import { createApiKey, revokeApiKey } from "@/db/api";

export type NewKeyState = { error?: string; name?: string; created?: { name: string; key: string } };

export async function createApiKeyAction(_prev: NewKeyState, formData: FormData): Promise<NewKeyState> {
  const staff = await requireStaffAction("admin");
  const name = String(formData.get("name") ?? "").trim();
  if (!name) return { error: "Name the key after the shop or system that uses it.", name };
  if (name.length > 80) return { error: "Keep the name under 80 characters.", name };
  const { key } = createApiKey(getDb(), name, staff.id);
  revalidatePath("/dashboard/settings/api-keys");
  // The secret travels to the browser exactly once, in this answer; only its hash is stored.
  return { created: { name, key } };
}

export async function revokeApiKeyAction(id: number) {
  await requireStaffAction("admin");
  revokeApiKey(getDb(), id);
  revalidatePath("/dashboard/settings/api-keys");
  redirect("/dashboard/settings/api-keys?notice=revoked");
}
