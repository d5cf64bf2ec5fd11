// The payer's language for a page rendered per request (pay/[token]/page.tsx, its not-found page): the switcher's
// cookie first, then the browser's Accept-Language, as proxy.ts picks it for the cached page.
import "server-only";
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, MESSAGES, pickLocale, type Locale, type Messages } from "@/lib/i18n";

export async function payerLocale(): Promise<{ locale: Locale; t: Messages }> {
  const locale = pickLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language"));
  return { locale, t: MESSAGES[locale] };
}
