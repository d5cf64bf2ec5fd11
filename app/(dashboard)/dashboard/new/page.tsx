import type { Metadata } from "next";
import { requireStaffPage } from "@/auth";
import { getDb } from "@/db/client";
import { getBusinessProfile } from "@/db/users";
import { CURRENCIES } from "@/lib/money";
import { NewPaymentForm } from "./new-payment-form";

export const metadata: Metadata = { title: "New payment link" };

export default async function NewPaymentPage() {
  await requireStaffPage();
  const profile = getBusinessProfile(getDb());
  return (
    <div className="max-w-2xl">
      <h1 className="mb-1 text-2xl font-semibold">New payment link</h1>
      <p className="mb-6 text-slate-600">Create a link, send it to your customer, and they will see how to pay you.</p>
      <div className="rounded-2xl bg-white p-6 ring-1 ring-slate-200">
        <NewPaymentForm currencies={CURRENCIES} defaults={{ currency: profile.defaultCurrency, expiresInHours: profile.defaultHoursOpen }} />
      </div>
    </div>
  );
}
