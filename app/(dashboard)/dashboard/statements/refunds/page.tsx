// Refunds to make: money a bank statement showed arrive that goes back to the payer, and the agent's record of sending it.
import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { refundsToMake, type RefundToMake } from "@/db/bank/refunds";
import { RefundForm } from "@/components/bank/refund-form";
import { Flash } from "@/components/dashboard/flash";
import { PaymentStatusBadge } from "@/components/payments/status-badge";
import { BackLink, PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { formatMoney, minorToDecimal } from "@/lib/money";
import { effectiveStatus, type PaymentStatus } from "@/lib/payment-status";
import { formatReference } from "@/lib/reference";
import { recordRefundAction } from "../actions";

export const metadata: Metadata = { title: "Refunds to make" };

/** Why the money goes back, by the payment's effective status. */
function why(r: RefundToMake, status: PaymentStatus): string {
  if (status === "cancelled" || status === "expired") return `Paid towards a payment that was ${status}: all of it goes back.`;
  return `Paid ${formatMoney(r.amountReceived - r.amount, r.currency, "en")} more than the amount.`;
}

/** The accounts the money came from (the payer's, from the statement lines), each once. */
function PaidFrom({ r }: { r: RefundToMake }) {
  const parties = [...new Map(r.lines.map((l) => [`${l.counterpartyName}|${l.counterpartyAccount}`, l])).values()];
  if (parties.length === 0) return <span className="text-slate-600">—</span>;
  return (
    <ul className="space-y-1">
      {parties.map((l) => (
        <li key={l.id} className="min-w-0">
          <p className="break-words">{l.counterpartyName ?? "Unknown payer"}</p>
          {l.counterpartyAccount && <p className="break-all font-mono text-xs text-slate-600">{l.counterpartyAccount}</p>}
        </li>
      ))}
    </ul>
  );
}

export default async function RefundsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff();
  const params = await searchParams;
  const now = Date.now();
  const rows = await refundsToMake(await getDb(), 200, now);
  const money = (minor: number, currency: string) => formatMoney(minor, currency, "en");
  return (
    <>
      <BackLink href="/dashboard/statements">Statements</BackLink>
      <PageHeader
        title="Refunds to make"
        description="Money a bank statement shows arrived that is the payer’s to get back: what was paid on top of a payment’s amount, and everything paid towards a payment that was then cancelled or expired. Send it back from your bank, then record it here."
      />
      <Flash params={params} messages={{ refunded: "Refund recorded in the payment’s timeline." }} />
      {/* A card per payment on a phone (the cells stacked, the action in reach), a table row from md up. */}
      <Table
        caption="Refunds to make"
        columns={[
          { label: "Payment" },
          { label: "Received", className: "text-right" },
          { label: "To send back", className: "text-right" },
          { label: "Paid from" },
          { label: <span className="sr-only">Actions</span> },
        ]}
        wrapperClassName=""
        headClassName="hidden md:table-header-group"
        empty={{ when: rows.length === 0, title: "Nothing to send back", children: "No payment holds money that is the payer’s." }}
      >
        {rows.map((r) => {
          const status = effectiveStatus(r, now);
          return (
            <tr key={r.id} data-testid="refund-row" className="grid gap-2 px-4 py-3 md:table-row md:p-0 md:align-top">
              <td className="md:px-4 md:py-3">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/dashboard/payments/${r.id}`} className="font-mono text-accent-700 underline">
                    {formatReference(r.reference)}
                  </Link>
                  <PaymentStatusBadge status={status} />
                </div>
                {r.customerName && <p className="text-xs text-slate-600">{r.customerName}</p>}
                <p className="mt-1 max-w-xs text-xs text-slate-700">{why(r, status)}</p>
              </td>
              <td className="tabular md:px-4 md:py-3 md:text-right">
                <span className="text-slate-600 md:hidden">Received </span>
                {money(r.amountReceived, r.currency)}
                <span className="text-xs text-slate-600 md:block"> of {money(r.amount, r.currency)}</span>
                {r.amountRefunded > 0 && <span className="block text-xs text-slate-600">{money(r.amountRefunded, r.currency)} sent back</span>}
              </td>
              <td className="tabular font-semibold md:px-4 md:py-3 md:text-right">
                <span className="font-normal text-slate-600 md:hidden">To send back </span>
                {money(r.due, r.currency)}
              </td>
              <td className="text-sm md:px-4 md:py-3">
                <span className="text-slate-600 md:hidden">Paid from</span>
                <PaidFrom r={r} />
              </td>
              <td className="md:px-4 md:py-3">
                <RefundForm
                  action={recordRefundAction.bind(null, r.id)}
                  paymentId={r.id}
                  due={minorToDecimal(r.due, r.currency)}
                  currency={r.currency}
                  seenRefunded={r.amountRefunded}
                  subject={formatReference(r.reference)}
                />
              </td>
            </tr>
          );
        })}
      </Table>
    </>
  );
}
