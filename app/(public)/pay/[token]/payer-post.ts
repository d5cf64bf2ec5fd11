// What every form post of the payer's page checks first (pay/[token]/method, pay/[token]/confirm): another site's
// post is refused, and the token must name a payment; then the handler answers with a 303 back to its page.
import { getDb } from "@/db/client";
import { paymentByToken } from "@/db/payments";
import type { Payment } from "@/db/schema";
import { crossSiteRefused, isCrossSite, notFound } from "@/lib/form-post";
import { withEffectiveStatus } from "@/lib/payment-status";
import { isWellFormedToken } from "@/lib/token";
import { LOCALE_COOKIE, pickLocale, type Locale } from "@/lib/i18n";

/** The language the page this post came from was shown in (the switcher's cookie, else Accept-Language), as payerLocale() picks it. */
export function postLocale(request: Request): Locale {
  const cookie = (request.headers.get("cookie") ?? "").split(/;\s*/).find((c) => c.startsWith(`${LOCALE_COOKIE}=`));
  return pickLocale(cookie?.slice(LOCALE_COOKIE.length + 1), request.headers.get("accept-language"));
}

export async function payerPost(request: Request, token: string): Promise<{ payment: Payment; page: string } | { response: Response }> {
  if (isCrossSite(request.headers)) return { response: crossSiteRefused() };
  const payment = isWellFormedToken(token) ? await paymentByToken(await getDb(), token) : undefined;
  if (!payment) return { response: notFound() };
  // As the page shows it: past its expiry, an open payment has expired (the handler's own write refuses it too).
  return { payment: withEffectiveStatus(payment), page: `/pay/${token}` };
}
