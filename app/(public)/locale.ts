// The payer's language: the switcher's cookie first, then the browser's Accept-Language.
import "server-only";
import { cookies, headers } from "next/headers";
import { isLocale, localeFromAcceptLanguage, MESSAGES, type Locale, type Messages } from "@/lib/i18n";

export const LOCALE_COOKIE = "dp_lang";

export async function payerLocale(): Promise<{ locale: Locale; t: Messages }> {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(fromCookie) ? fromCookie : localeFromAcceptLanguage((await headers()).get("accept-language"));
  return { locale, t: MESSAGES[locale] };
}
