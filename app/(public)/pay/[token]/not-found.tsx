// The payer's 404 (a token that names no payment, or a malformed one), in the payer's language. It says nothing about
// why: a wrong token and a removed payment look the same.
import type { Metadata } from "next";
import { payerLocale } from "../payer-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await payerLocale()).t.notFoundTitle };
}

export default async function PayerNotFound() {
  const { locale, t } = await payerLocale();
  return (
    <main lang={locale} className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6 py-16">
      <p className="text-sm font-semibold text-accent-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">{t.notFoundTitle}</h1>
      <p className="mt-2 text-slate-700">{t.notFoundBody}</p>
      <p className="mt-6 text-sm text-slate-600">{t.notFoundHint}</p>
    </main>
  );
}
