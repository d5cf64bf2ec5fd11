"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireStaffAction } from "@/auth";
import { getDb } from "@/db/client";
import { saveBusinessProfile } from "@/db/users";
import { isCurrency } from "@/lib/money";

const fields = ["name", "supportContact", "defaultCurrency", "defaultHoursOpen"] as const;
type FieldName = (typeof fields)[number];
export type ProfileState = { message?: string; fieldErrors?: Partial<Record<FieldName, string>>; values?: Record<FieldName, string> };

const schema = z.object({
  name: z.string().trim().min(1, "Enter the name customers know you by.").max(100, "Keep the name under 100 characters."),
  supportContact: z
    .string()
    .trim()
    .max(200, "Keep it under 200 characters.")
    .refine(
      (s) => s === "" || z.email().safeParse(s).success || (/^https?:\/\/\S+$/i.test(s) && URL.canParse(s)),
      "Enter an email address or a full https:// address, or leave it empty.",
    ),
  defaultCurrency: z.string().trim().toUpperCase().refine(isCurrency, "Choose a currency from the list."),
  defaultHoursOpen: z.coerce
    .number({ error: "Enter a number of hours." })
    .int("Enter whole hours.")
    .min(1, "At least 1 hour.")
    .max(2160, "At most 2160 hours (90 days)."),
});

export async function saveProfileAction(_prev: ProfileState, formData: FormData): Promise<ProfileState> {
  await requireStaffAction("admin");
  const values = Object.fromEntries(fields.map((f) => [f, String(formData.get(f) ?? "")])) as Record<FieldName, string>;
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const fieldErrors: ProfileState["fieldErrors"] = {};
    for (const i of parsed.error.issues) fieldErrors[i.path[0] as FieldName] ??= i.message;
    return { message: "Please correct the fields marked below.", fieldErrors, values };
  }
  saveBusinessProfile(getDb(), parsed.data);
  revalidatePath("/", "layout");
  redirect("/dashboard/settings/business?notice=saved");
}
