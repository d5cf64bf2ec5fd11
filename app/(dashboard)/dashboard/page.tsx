// The Pending queue: submitted payments, oldest first, with Approve and Cancel in each row.
import type { Metadata } from "next";
import Link from "next/link";
import { requireStaff } from "@/auth";
import { getDb } from "@/db/client";
import { pendingPayments } from "@/db/payment-lists";
import { decodeCursor } from "@/lib/cursor";
import { DecisionForms } from "@/components/dashboard/decision-buttons";
import { pendingRowsHtml } from "@/components/dashboard/pending-rows-html";
import { ActionNotice } from "@/components/dashboard/notice";
import { viewerTimeZone } from "@/app/(dashboard)/viewer-time-zone";
import { bankConfirmedCount } from "@/db/bank/queries";
import { buttonClass } from "@/components/ui/button";
import { Flash } from "@/components/dashboard/flash";
import { approveBankConfirmedAction } from "./statements/actions";

export const metadata: Metadata = { title: "Pending payments" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PendingPage({ searchParams }: Props) {
  await requireStaff();
  const params = await searchParams;
  const db = await getDb();
  const cursor = decodeCursor(typeof params.cursor === "string" ? params.cursor : null);
  const { rows, next } = await pendingPayments(db, { cursor, limit: 50 });
  const now = Date.now();
  const tz = await viewerTimeZone();
  const cursorParam = cursor && typeof params.cursor === "string" ? params.cursor : undefined;
  const bankConfirmed = await bankConfirmedCount(db);
  const approvedN = typeof params.n === "string" ? params.n : "0";

  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold">Pending</h1>
          <p className="text-sm text-slate-600">Customers say they have paid. Find each payment in your account, then approve or cancel it.</p>
        </div>
        {bankConfirmed > 0 && (
          <form action={approveBankConfirmedAction}>
            <button type="submit" className={buttonClass("primary")}>
              {bankConfirmed === 1 ? "Approve the one found in the bank statement" : `Approve all ${bankConfirmed} found in the bank statement`}
            </button>
          </form>
        )}
      </div>
      <ActionNotice params={params} />
      <Flash params={params} messages={{ bank_approved: `Approved ${approvedN} ${approvedN === "1" ? "payment" : "payments"} found in the bank statement.` }} />
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
            <thead className="hidden border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600 lg:table-header-group">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">Reference</th>
                <th scope="col" className="px-4 py-3 text-right font-semibold">Amount, method</th>
                <th scope="col" className="px-4 py-3 font-semibold">Payer</th>
                <th scope="col" className="px-4 py-3 font-semibold">Transaction ID, receipt</th>
                <th scope="col" className="px-4 py-3 font-semibold">Waiting</th>
                <th scope="col" className="px-4 py-3 text-right font-semibold">Actions</th>
              </tr>
            </thead>
            {/* 50 rows a page, as one escaped markup string (components/dashboard/pending-rows-html.ts): as React elements
                they were most of the page's server time. Links inside navigate client-side (the layout's SoftLinks). */}
            <tbody className="pq" data-soft-links="" dangerouslySetInnerHTML={{ __html: pendingRowsHtml(rows, { now, tz, params }).value }} />
          </table>
          <DecisionForms returnTo="pending" cursor={cursorParam} />
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
