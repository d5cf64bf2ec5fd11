"use client";
// The payer's pages when something fails: in the payer's language, read in the browser (the switcher's cookie, then
// the browser's languages) since an error boundary renders there.
import { useEffect, useState } from "react";
import { ErrorPanel } from "@/components/ui/error-panel";
import { LOCALE_COOKIE, MESSAGES, pickLocale, type Locale } from "@/lib/i18n";

function browserLocale(): Locale {
  const cookie = document.cookie.split("; ").find((c) => c.startsWith(`${LOCALE_COOKIE}=`));
  return pickLocale(cookie?.slice(LOCALE_COOKIE.length + 1), navigator.languages.join(","));
}

export default function PayerError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const [locale, setLocale] = useState<Locale>("en");
  useEffect(() => setLocale(browserLocale()), []);
  const t = MESSAGES[locale];
  return (
    <main className="flex min-h-screen flex-col justify-center">
      <ErrorPanel lang={locale} text={{ title: t.errorTitle, body: t.errorBody, retry: t.tryAgain, reference: t.errorReference }} digest={error.digest} reset={reset} />
    </main>
  );
}
