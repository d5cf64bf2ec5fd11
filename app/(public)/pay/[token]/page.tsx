// The payer's page on the normal Next.js path, rendered for each request. It serves every view when the payer page
// cache is off (PAYER_PAGE_CACHE=off); with it on, proxy.ts sends the views it can cache to /pay-v/<page id> instead,
// and this page renders only the "I have paid" form back from a post without JavaScript (its errors beside the fields
// and the transaction ID that was typed, ?error=…&tx=…, which is the payer's own and never cached) and tokens that name
// no payment (the translated 404 of not-found.tsx).
import type { Metadata } from "next";
import { decodeConfirmErrors, TYPED_MAX } from "@/lib/confirm-form";
import { isPayerPageError } from "@/lib/payer-page-cache";
import { loadPayment, payPageMetadata, PayView, type ConfirmFeedback } from "../pay-view";
import { payerLocale } from "../payer-locale";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ token }, { locale }] = await Promise.all([params, payerLocale()]);
  return payPageMetadata(token, locale);
}

export default async function PayerPage({ params, searchParams }: Props) {
  const payment = await loadPayment((await params).token);
  const [{ locale }, q] = await Promise.all([payerLocale(), searchParams]);
  const error = typeof q.error === "string" ? q.error : undefined;
  const errors = decodeConfirmErrors(error);
  const confirm: ConfirmFeedback | undefined = errors ? { errors, transactionId: typeof q.tx === "string" ? q.tx.slice(0, TYPED_MAX) : "" } : undefined;
  return <PayView payment={payment} locale={locale} error={isPayerPageError(error) ? error : undefined} confirm={confirm} />;
}
