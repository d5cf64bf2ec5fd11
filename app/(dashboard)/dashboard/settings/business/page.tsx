import type { Metadata } from "next";
import { requireStaffPage } from "@/auth";
import { getDb } from "@/db/client";
import { getBusinessProfile } from "@/db/users";
import { CURRENCIES } from "@/lib/money";
import { Flash } from "@/components/dashboard/flash";
import { ProfileForm } from "@/components/settings/profile-form";

export const metadata: Metadata = { title: "Business profile" };

export default async function BusinessPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaffPage("admin");
  const params = await searchParams;
  const p = getBusinessProfile(getDb());
  return (
    <div className="max-w-2xl">
      <Flash params={params} messages={{ saved: "Business profile saved. Customers see it on their payment pages." }} />
      <div className="rounded-2xl bg-white p-5 ring-1 ring-slate-200">
        <ProfileForm
          currencies={CURRENCIES}
          initial={{ name: p.name, supportContact: p.supportContact, defaultCurrency: p.defaultCurrency, defaultHoursOpen: String(p.defaultHoursOpen) }}
        />
      </div>
    </div>
  );
}
