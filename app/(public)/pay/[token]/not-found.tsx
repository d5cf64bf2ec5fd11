// The payer's 404 (a token that names no payment, or a malformed one), in the payer's language and under the
// merchant's name and logo, like the payer's page itself. It says nothing about why: a wrong token and a removed
// payment look the same.
import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { getBusinessProfile } from "@/db/users";
import { logoUrlOf, MerchantMark } from "@/components/payments/merchant-mark";
import { payerLocale } from "../payer-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await payerLocale()).t.notFoundTitle };
}

export default async function PayerNotFound() {
  const [{ locale, t }, profile] = await Promise.all([payerLocale(), getDb().then(getBusinessProfile)]);
  return (
    <div lang={locale} className="mx-auto flex min-h-screen max-w-md flex-col px-6 py-10">
      <header className="flex items-center gap-3">
        <MerchantMark name={profile.name} logoUrl={logoUrlOf(profile)} />
        <p className="break-words text-lg font-semibold text-slate-900" data-testid="merchant-name">
          {profile.name}
        </p>
      </header>
      <main className="my-auto py-10">
        <div className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <p className="text-sm font-semibold text-accent-700">404</p>
          <h1 className="mt-2 text-2xl font-semibold text-slate-900">{t.notFoundTitle}</h1>
          <p className="mt-2 text-slate-700">{t.notFoundBody}</p>
          <p className="mt-6 text-sm text-slate-600">{t.notFoundHint}</p>
        </div>
      </main>
    </div>
  );
}
