// The payer's page as the payer page cache keeps it (server/payer-page-cache/). proxy.ts rewrites /pay/<token> here as
// /pay-v/<token>.<locale>.<state key>[.<error>] (lib/payer-page-cache.ts). The first GET of each path renders it;
// later ones are served from the in-memory page cache like a static page. With PAYER_PAGE_CACHE=off nothing comes
// here: pay/[token]/page.tsx renders every view. A new state is a new path, so nothing served from here is ever stale. The page's forms
// post to route handlers (pay/[token]/method, pay/[token]/confirm), which send the browser back here with a 303.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { parsePayerPageId } from "@/lib/payer-page-cache";
import { loadPayment, payPageMetadata, PayView } from "../../pay/pay-view";

type Props = { params: Promise<{ id: string }> };

// Rendered on first request, then kept until the cache evicts it (a path never stands for another state).
export const revalidate = false;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = parsePayerPageId((await params).id);
  return page ? payPageMetadata(page.token, page.locale) : {};
}

export default async function PayerPage({ params }: Props) {
  const page = parsePayerPageId((await params).id);
  if (!page) notFound();
  return <PayView payment={await loadPayment(page.token)} locale={page.locale} error={page.error} />;
}
