// One payment: every field, the customer's link, the receipt, the decision buttons and the event timeline.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { eventsOfPayment, userName } from "@/db/payment-lists";
import { emailsOfPayment } from "@/db/email-outbox";
import { paymentById } from "@/db/payments";
import { methodsForPayment } from "@/db/methods";
import { parseId } from "@/lib/parse-id";
import { withEffectiveStatus } from "@/lib/payment-status";
import { formatReference } from "@/lib/reference";
import { PaymentStatusBadge } from "@/components/payments/status-badge";
import { PaymentDetails } from "@/components/payments/payment-details";
import { PaymentTimeline } from "@/components/payments/payment-timeline";
import { DecisionButtons, DecisionForms } from "@/components/dashboard/decision-buttons";
import { cancelStateOf, partPaidOf } from "@/components/dashboard/pending-rows-html";
import { ActionNotice } from "@/components/dashboard/notice";
import { CopyButton } from "@/components/ui/copy-button";
import { Callout } from "@/components/ui/notice";
import { BackLink } from "@/components/ui/page-header";
import { headers } from "next/headers";
import { linesOfPayment } from "@/db/bank/queries";
import { PaymentBankLines } from "@/components/bank/payment-bank-lines";
import { Badge } from "@/components/ui/badge";
import { publicOrigin } from "@/lib/public-origin";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = parseId((await params).id);
  const p = id ? await paymentById(await getDb(), id) : undefined;
  return { title: p ? `Payment ${formatReference(p.reference)}` : "Payment not found" };
}

export default async function PaymentPage({ params, searchParams }: Props) {
  await requireStaff();
  const id = parseId((await params).id);
  const query = await searchParams;
  const db = await getDb();
  const found = id ? await paymentById(db, id) : undefined;
  if (!found) notFound();
  const p = withEffectiveStatus(found);
  const events = await eventsOfPayment(db, p.id);
  const emails = await emailsOfPayment(db, p.id);
  const link = `${publicOrigin(await headers())}/pay/${p.token}`;
  const ref = formatReference(p.reference);
  const decidedBy = await userName(db, p.decidedByUserId);
  const bankLines = await linesOfPayment(db, p.id);
  const noMethod = p.status === "open" && !p.methodSnapshot && (await methodsForPayment(db, p)).length === 0;

  return (
    <>
      <BackLink href="/dashboard/payments">All payments</BackLink>
      {query.created === "1" && (
        <Callout tone="success" role="status" title="Payment link created. Send it to your customer:">
          <div className="mt-2 flex items-center gap-2 rounded-lg bg-white px-3 py-2 ring-1 ring-emerald-200">
            <code className="min-w-0 flex-1 break-all text-sm" data-testid="new-link">{link}</code>
            <CopyButton value={link} label="Copy payment link" />
          </div>
          {emails.some((m) => m.kind === "payment_link") && <p className="mt-2 text-sm">We are also e-mailing it to {p.customerEmail}; its state is in the timeline below.</p>}
        </Callout>
      )}
      {noMethod && (
        <Callout tone="warning" title="No enabled payment method accepts this payment’s currency and amount.">
          The customer will see that there is no way to pay. Enable a method for it in Settings → Payment methods, or cancel this link and make another.
        </Callout>
      )}
      <ActionNotice params={query} />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-3">
          <h1 className="font-mono text-2xl font-semibold">{ref}</h1>
          <PaymentStatusBadge status={p.status} />
          {p.bankConfirmedAt && p.status === "submitted" && (
            <Badge tone="success" icon="✓">
              Found in the bank statement
            </Badge>
          )}
        </div>
        <DecisionButtons paymentId={p.id} reference={ref} status={p.status} cancel={cancelStateOf(query, p.id)} partPaid={partPaidOf(p)} />
        <DecisionForms returnTo="detail" />
      </div>
      <div className="grid items-start gap-4 lg:grid-cols-[2fr_1fr]">
        <PaymentDetails payment={p} reference={ref} link={link} decidedBy={decidedBy} />
        <div className="space-y-4">
          <PaymentBankLines payment={p} lines={bankLines} />
          <PaymentTimeline events={events} emails={emails} method={p.methodSnapshot ? { name: p.methodSnapshot.name, at: p.methodChosenAt } : null} />
        </div>
      </div>
    </>
  );
}
