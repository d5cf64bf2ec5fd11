import type { Metadata } from "next";
import { requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { getBusinessProfile } from "@/db/users";
import { CURRENCIES } from "@/lib/money";
import { Flash } from "@/components/dashboard/flash";
import { ProfileForm } from "@/components/settings/profile-form";
import { Card } from "@/components/ui/card";
import { LogoForm } from "@/components/settings/logo-form";
import { logoUrlOf } from "@/components/payments/merchant-mark";
import { saveLogoAction, saveProfileAction } from "./actions";

export const metadata: Metadata = { title: "Business profile" };

export default async function BusinessPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff("admin");
  const params = await searchParams;
  const p = await getBusinessProfile(await getDb());
  return (
    <div className="max-w-2xl">
      <Flash params={params} messages={{
          saved: "Business profile saved. Customers see it on their payment pages.",
          logo: "Logo saved. Customers see it at the top of their payment pages.",
          logo_removed: "Logo removed.",
        }} />
      <Card>
        <ProfileForm
          action={saveProfileAction}
          currencies={CURRENCIES}
          initial={{ name: p.name, supportContact: p.supportContact, defaultCurrency: p.defaultCurrency, defaultHoursOpen: String(p.defaultHoursOpen), defaultLocale: p.defaultLocale, reminderHoursBefore: p.reminderHoursBefore == null ? "" : String(p.reminderHoursBefore) }}
        />
      </Card>
      <Card className="mt-6">
        <LogoForm action={saveLogoAction} current={logoUrlOf(p)} />
      </Card>
    </div>
  );
}
