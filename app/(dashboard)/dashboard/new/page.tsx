import type { Metadata } from "next";
import { requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { getBusinessProfile } from "@/db/users";
import { CURRENCIES } from "@/lib/money";
import { mailIsConfigured } from "@/lib/email/config";
import { NewPaymentForm } from "@/components/payments/new-payment-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { createPaymentLinkAction } from "./actions";

export const metadata: Metadata = { title: "New payment link" };

export default async function NewPaymentPage() {
  await requireStaff();
  const profile = await getBusinessProfile(await getDb());
  return (
    <div className="max-w-2xl">
      <PageHeader className="mb-6" title="New payment link" description="Create a link, send it to your customer, and they will see how to pay you." />
      <Card padding="lg">
        <NewPaymentForm action={createPaymentLinkAction} currencies={CURRENCIES} defaults={{ currency: profile.defaultCurrency, expiresInHours: profile.defaultHoursOpen }} mailOn={mailIsConfigured()} />
      </Card>
    </div>
  );
}
