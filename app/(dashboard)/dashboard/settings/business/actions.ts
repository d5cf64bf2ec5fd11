"use server";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb, logoPath, uploadsDir } from "@/db/client";
import { saveBusinessProfile, setBusinessLogo } from "@/db/users";
import { checkLogo, LOGO_FILE_NAME, MAX_LOGO_BYTES } from "@/lib/logo";
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

// The logo: a file of its own, so the profile's text fields post without it. Checked by its bytes (lib/logo.ts),
// written under a random name in UPLOAD_DIR (a temp file renamed into place), then named in the profile; the file
// it replaces is removed after that has committed.
const LogoForm = z.object({ logo: z.custom<File | null>((v) => v === null || v instanceof File), remove: z.boolean() });

export const saveLogoAction = staffAction(
  {
    role: "admin",
    schema: LogoForm,
    read: (fd) => {
      const logo = fd.get("logo");
      return { logo: logo instanceof File && logo.size > 0 ? logo : null, remove: fd.get("remove") === "on" };
    },
  },
  async ({ logo, remove }) => {
    // What comes back to the form is never the file itself.
    const again = (message: string) => ({ fieldErrors: { logo: message }, values: { logo: null, remove } });
    const db = await getDb();
    let stored: { file: string; mime: string } | null = null;
    if (logo) {
      if (logo.size > MAX_LOGO_BYTES) return again("The logo can be at most 512 KB.");
      const check = checkLogo(new Uint8Array(await logo.arrayBuffer()));
      if (!check.ok) return again(check.error);
      const file = `logo-${crypto.randomBytes(16).toString("hex")}.${check.ext}`;
      await fs.mkdir(uploadsDir(), { recursive: true });
      const temp = logoPath(`${file}.part`);
      await fs.writeFile(temp, new Uint8Array(await logo.arrayBuffer()), { mode: 0o600, flag: "wx" });
      await fs.rename(temp, logoPath(file));
      stored = { file, mime: check.mime };
    } else if (!remove) {
      return again("Choose an image file, or tick “Remove the logo”.");
    }
    let replaced: string | null;
    try {
      replaced = await setBusinessLogo(db, stored);
    } catch (err) {
      if (stored) await fs.rm(logoPath(stored.file), { force: true });
      throw err;
    }
    if (replaced && LOGO_FILE_NAME.test(replaced)) await fs.rm(logoPath(replaced), { force: true });
    revalidatePath("/", "layout");
    redirect(`/dashboard/settings/business?notice=${stored ? "logo" : "logo_removed"}`);
  },
);
