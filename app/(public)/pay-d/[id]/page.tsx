// The payer's page with the "I have paid" form back from a post without JavaScript: its errors beside the fields and
// the transaction ID that was typed, from /pay/<token>?error=…&tx=… (the route handler's 303). proxy.ts rewrites
// such a request here as /pay-d/<token>.<locale>; it is rendered on every view and never cached, since what was typed
// is the payer's own. Every other view of the page is the cached one (pay-v).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { decodeConfirmErrors, TYPED_MAX } from "@/lib/confirm-form";
import { parsePayerLivePageId } from "@/lib/payer-page-cache";
import { loadPayment, payPageMetadata, PayView } from "../../pay/pay-view";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = parsePayerLivePageId((await params).id);
  return page ? payPageMetadata(page.token, page.locale) : {};
}

export default async function PayerFormPage({ params, searchParams }: Props) {
  const page = parsePayerLivePageId((await params).id);
  if (!page) notFound();
  const q = await searchParams;
  const errors = decodeConfirmErrors(typeof q.error === "string" ? q.error : null) ?? {};
  const transactionId = typeof q.tx === "string" ? q.tx.slice(0, TYPED_MAX) : "";
  return <PayView payment={loadPayment(page.token)} locale={page.locale} confirm={{ errors, transactionId }} />;
}
