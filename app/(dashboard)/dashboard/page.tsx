// The Pending queue: submitted payments, oldest first, with Approve and Cancel in each row.
import type { Metadata } from "next";
import Link from "next/link";
import { requireStaffPage } from "@/auth";
import { getDb } from "@/db/client";
import { decodeCursor, expireDuePayments, pendingPayments } from "@/db/payments";
import { formatMoney } from "@/lib/money";
import { formatReference } from "@/lib/reference";
import { formatDuration } from "@/lib/format";
import { DecisionButtons } from "@/components/dashboard/decision-buttons";
import { ActionNotice } from "@/components/dashboard/notice";
import { LocalTime } from "@/components/ui/local-time";

export const metadata: Metadata = { title: "Pending payments" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PendingPage({ searchParams }: Props) {
  await requireStaffPage();
  const params = await searchParams;
  const db = getDb();
  expireDuePayments(db);
  const cursor = decodeCursor(typeof params.cursor === "string" ? params.cursor : null);
  const { rows, next } = pendingPayments(db, { cursor, limit: 50 });
  const now = Date.now();

  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold">Pending</h1>
          <p className="text-sm text-slate-600">Customers say they have paid. Find each payment in your account, then approve or cancel it.</p>
        </div>
      </div>
      <ActionNotice params={params} />
      {rows.length === 0 ? (
        <div className="rounded-2xl bg-white px-6 py-12 text-center ring-1 ring-slate-200">
          <p className="text-lg font-medium text-slate-900">Nothing to check</p>
          <p className="mt-1 text-slate-600">{cursor ? "No more pending payments." : "When a customer confirms a payment, it appears here at once."}</p>
          <Link href="/dashboard/new" className="mt-4 inline-block font-medium text-accent-700 underline">
            Create a payment link
          </Link>
        </div>
      ) : (
        <div className="rounded-2xl bg-white ring-1 ring-slate-200">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Payments waiting for a check, oldest first</caption>
            <thead className="hidden border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600 md:table-header-group">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">Reference</th>
                <th scope="col" className="px-4 py-3 text-right font-semibold">Amount</th>
                <th scope="col" className="px-4 py-3 font-semibold">Method</th>
                <th scope="col" className="px-4 py-3 font-semibold">Transaction ID</th>
                <th scope="col" className="px-4 py-3 font-semibold">Receipt</th>
                <th scope="col" className="px-4 py-3 font-semibold">Waiting</th>
                <th scope="col" className="px-4 py-3 text-right font-semibold">Actions</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {rows.map((p) => {
                const ref = formatReference(p.reference);
                return (
                  <tr key={p.id} className="grid grid-cols-2 gap-x-4 gap-y-1 px-4 py-3 md:table-row md:p-0" data-testid="pending-row">
                    <td className="md:px-4 md:py-3">
                      <Link href={`/dashboard/payments/${p.id}`} className="font-mono font-semibold text-accent-700 underline-offset-2 hover:underline">
                        {ref}
                      </Link>
                      <div className="max-w-48 truncate text-xs text-slate-600" title={p.description}>
                        {p.orderId ? `${p.orderId} · ` : ""}
                        {p.description}
                      </div>
                    </td>
                    <td className="tabular text-right text-base font-semibold md:px-4 md:py-3">{formatMoney(p.amount, p.currency, "en")}</td>
                    <td className="md:px-4 md:py-3">{p.methodName ?? "—"}</td>
                    <td className="font-mono md:px-4 md:py-3">
                      <span className="md:hidden text-xs font-sans text-slate-600">Txn: </span>
                      {p.transactionId ?? <span className="text-slate-400">none</span>}
                    </td>
                    <td className="md:px-4 md:py-3">
                      {p.receiptFile ? (
                        <a href={`/dashboard/payments/${p.id}/receipt`} target="_blank" rel="noopener" className="font-medium text-accent-700 underline">
                          Receipt<span className="sr-only"> for {ref}</span>
                        </a>
                      ) : (
                        <span className="text-slate-400">no receipt</span>
                      )}
                    </td>
                    <td className="text-slate-700 md:px-4 md:py-3">
                      <span title={p.submittedAt ? new Date(p.submittedAt).toISOString() : undefined}>{formatDuration(now - (p.submittedAt ?? now))}</span>
                      {p.submittedAt && (
                        <div className="hidden text-xs text-slate-500 md:block">
                          <LocalTime ms={p.submittedAt} />
                        </div>
                      )}
                    </td>
                    <td className="col-span-2 md:px-4 md:py-3">
                      <DecisionButtons paymentId={p.id} reference={ref} status="submitted" returnTo="pending" />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <div className="mt-4 flex justify-between text-sm">
        {cursor ? (
          <Link href="/dashboard" className="font-medium text-accent-700 underline">
            ← First page
          </Link>
        ) : (
          <span />
        )}
        {next && (
          <Link href={`/dashboard?cursor=${next}`} className="font-medium text-accent-700 underline">
            Next page →
          </Link>
        )}
      </div>
    </>
  );
}
