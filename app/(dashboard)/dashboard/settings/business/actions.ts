"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { saveBusinessProfile } from "@/db/users";
import { isCurrency } from "@/lib/money";
import { LOCALES } from "@/lib/i18n";
import { staffAction } from "@/server/staff-action";

const ProfileForm = z.object({
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
    .number<string>({ error: "Enter a number of hours." })
    .int("Enter whole hours.")
    .min(1, "At least 1 hour.")
    .max(2160, "At most 2160 hours (90 days)."),
  defaultLocale: z.enum(LOCALES, "Choose a language from the list."),
  // Empty: no reminders (the default).
  reminderHoursBefore: z
    .string()
    .trim()
    .transform((s, ctx) => {
      if (!s) return null;
      const n = Number(s);
      if (!/^\d+$/.test(s) || n < 1 || n > 720) {
        ctx.addIssue({ code: "custom", message: "Enter whole hours from 1 to 720, or leave it empty for no reminders." });
        return z.NEVER;
      }
      return n;
    }),
});

export const saveProfileAction = staffAction({ role: "admin", schema: ProfileForm }, async (profile) => {
  await saveBusinessProfile(await getDb(), profile);
  revalidatePath("/", "layout");
  redirect("/dashboard/settings/business?notice=saved");
});
