"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { createApiKey, revokeApiKey } from "@/db/api";
import { API_SCOPES, scopesOf } from "@/lib/api/scopes";
import { recordId } from "@/lib/form-state";
import { staffAction } from "@/server/staff-action";

const NewKeyForm = z.object({
  name: z.string().trim().min(1, "Name the key after the shop or system that uses it.").max(80, "Keep the name under 80 characters."),
  scopes: z
    .array(z.string())
    .refine((s) => s.length > 0 && s.every((scope) => (API_SCOPES as readonly string[]).includes(scope)), "Choose at least one thing this key may do."),
});

export const createApiKeyAction = staffAction({ role: "admin", schema: NewKeyForm }, async ({ name, scopes: chosen }, staff) => {
  const scopes = scopesOf(chosen);
  const { key } = await createApiKey(await getDb(), name, staff.id, scopes);
  revalidatePath("/dashboard/settings/api-keys");
  // The secret travels to the browser exactly once, in this answer; only its hash is stored.
  return { created: { name, key, scopes } };
});

export const revokeApiKeyAction = staffAction({ role: "admin", args: [recordId] }, async (_, _staff, keyId) => {
  await revokeApiKey(await getDb(), keyId);
  revalidatePath("/dashboard/settings/api-keys");
  redirect("/dashboard/settings/api-keys?notice=revoked");
});
