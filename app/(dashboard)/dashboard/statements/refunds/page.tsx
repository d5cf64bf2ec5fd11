import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { refundsToMake } from "@/db/bank/queries";
import { LineParty } from "@/components/bank/line-text";
import { BackLink, PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { formatMoney } from "@/lib/money";
import { formatReference } from "@/lib/reference";

export const metadata: Metadata = { title: "Refunds to make" };

export default async function RefundsPage() {
  await requireStaff();
  const rows = await refundsToMake(await getDb());
  return (
    <>
      <BackLink href="/dashboard/statements">Statements</BackLink>
      <PageHeader title="Refunds to make" description="Payments a bank statement shows paid more than their amount: send the difference back to the payer’s account." />
      <Table
        caption="Overpaid payments"
        columns={[{ label: "Payment" }, { label: "Amount", className: "text-right" }, { label: "Received", className: "text-right" }, { label: "Overpaid by", className: "text-right" }, { label: "Paid by" }, { label: "Booked" }]}
        empty={{ when: rows.length === 0, title: "Nothing to refund", children: "No payment has received more than its amount." }}
      >
        {rows.map((r) => (
          <tr key={r.line.id} className="align-top" data-testid="refund-row">
            <td className="px-4 py-2">
              <Link href={`/dashboard/payments/${r.paymentId}`} className="font-mono text-accent-700 underline">
                {formatReference(r.reference)}
              </Link>
              {r.customerName && <p className="text-xs text-slate-600">{r.customerName}</p>}
            </td>
            <td className="tabular px-4 py-2 text-right">{formatMoney(r.amount, r.line.currency, "en")}</td>
            <td className="tabular px-4 py-2 text-right">{formatMoney(r.amountReceived, r.line.currency, "en")}</td>
            <td className="tabular px-4 py-2 text-right font-semibold">{formatMoney(r.amountReceived - r.amount, r.line.currency, "en")}</td>
            <td className="px-4 py-2">
              <LineParty line={r.line} />
            </td>
            <td className="whitespace-nowrap px-4 py-2">{r.line.bookingDate}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}
