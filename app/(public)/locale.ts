// The payer's language for a request: the switcher's cookie first, then the browser's Accept-Language.
import "server-only";
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, MESSAGES, pickLocale, type Locale, type Messages } from "@/lib/i18n";

export async function payerLocale(): Promise<{ locale: Locale; t: Messages }> {
  const locale = pickLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language"));
  return { locale, t: MESSAGES[locale] };
}
