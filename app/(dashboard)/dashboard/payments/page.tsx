// All payments: filter by status and method, search by reference, order or email; keyset pages, newest first.
import type { Metadata } from "next";
import Link from "next/link";
import { requireStaffPage } from "@/auth";
import { getDb } from "@/db/client";
import { allMethods, decodeCursor, expireDuePayments, listPayments } from "@/db/payments";
import { formatMoney } from "@/lib/money";
import { formatReference } from "@/lib/reference";
import { isPaymentStatus, PAYMENT_STATUSES } from "@/lib/payment-status";
import { PaymentStatusBadge, STATUS_LABELS } from "@/components/payments/status-badge";
import { ServerTime } from "@/components/ui/server-time";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { viewerTimeZone } from "@/app/(dashboard)/viewer-time-zone";

export const metadata: Metadata = { title: "All payments" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PaymentsPage({ searchParams }: Props) {
  await requireStaffPage();
  const params = await searchParams;
  const one = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : "");
  const status = isPaymentStatus(one("status")) ? (one("status") as (typeof PAYMENT_STATUSES)[number]) : null;
  const methodId = /^\d{1,9}$/.test(one("method")) ? Number(one("method")) : null;
  const q = one("q").trim().slice(0, 200);
  const db = getDb();
  expireDuePayments(db);
  const methods = allMethods(db);
  const cursor = decodeCursor(one("cursor"));
  const { rows, next } = listPayments(db, { status, methodId, q }, { cursor, limit: 50 });
  const keep = new URLSearchParams();
  if (status) keep.set("status", status);
  if (methodId) keep.set("method", String(methodId));
  if (q) keep.set("q", q);
  const filtered = Boolean(status || methodId || q);
  const tz = await viewerTimeZone();

  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">All payments</h1>
        <Link href="/dashboard/new" className={buttonClass("primary")}>
          New payment link
        </Link>
      </div>
      <form method="get" role="search" className="mb-4 grid gap-3 rounded-2xl bg-white p-4 ring-1 ring-slate-200 sm:grid-cols-[1fr_10rem_12rem_auto] sm:items-end">
        <div>
          <label htmlFor="q" className="mb-1 block text-sm font-medium">Search</label>
          <input id="q" name="q" type="search" defaultValue={q} placeholder="Reference, order ID or customer email" className={inputClass} />
        </div>
        <div>
          <label htmlFor="status" className="mb-1 block text-sm font-medium">Status</label>
          <select id="status" name="status" defaultValue={status ?? ""} className={inputClass}>
            <option value="">Any status</option>
            {PAYMENT_STATUSES.map((s) => (
              <option key={s} value={s}>{STATUS_LABELS[s]}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="method" className="mb-1 block text-sm font-medium">Method</label>
          <select id="method" name="method" defaultValue={methodId ? String(methodId) : ""} className={inputClass}>
            <option value="">Any method</option>
            {methods.map((m) => (
              <option key={m.id} value={m.id}>{m.name}</option>
            ))}
          </select>
        </div>
        <div className="flex gap-2">
          <button type="submit" className={buttonClass("primary")}>Filter</button>
          {filtered && <Link href="/dashboard/payments" className={buttonClass("secondary")}>Clear</Link>}
        </div>
      </form>

      {rows.length === 0 ? (
        <div className="rounded-2xl bg-white px-6 py-12 text-center ring-1 ring-slate-200">
          <p className="text-lg font-medium">{filtered ? "No payments match" : "No payments yet"}</p>
          <p className="mt-1 text-slate-600">{filtered ? "Try another search or clear the filters." : "Create a payment link and send it to your customer."}</p>
        </div>
      ) : (
        <div className="overflow-x-auto rounded-2xl bg-white ring-1 ring-slate-200">
          <table className="w-full text-left text-sm sm:min-w-[44rem]">
            <caption className="sr-only">Payments, newest first</caption>
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">Reference</th>
                <th scope="col" className="px-4 py-3 font-semibold">Description</th>
                <th scope="col" className="hidden px-4 py-3 text-right font-semibold sm:table-cell">Amount</th>
                <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">Status</th>
                <th scope="col" className="hidden px-4 py-3 font-semibold lg:table-cell">Method</th>
                <th scope="col" className="hidden px-4 py-3 font-semibold sm:table-cell">Created</th>
              </tr>
            </thead>
            {/* Plain links and markup per row (50 a page): the layout's SoftLinks keeps navigation client-side. On a phone
                a row is two columns, its status under the reference and its amount under the description; method and
                date are on the payment's page. The method column starts at 1024 px. */}
            <tbody className="pl divide-y divide-slate-200" data-soft-links="">
              {rows.map((p) => {
                const amount = formatMoney(p.amount, p.currency, "en");
                return (
                  <tr key={p.id} data-testid="payment-row">
                    <td>
                      <a href={`/dashboard/payments/${p.id}`} className="font-mono font-semibold text-accent-700 hover:underline">
                        {formatReference(p.reference)}
                      </a>
                      <div className="mt-1.5 sm:hidden"><PaymentStatusBadge status={p.status} /></div>
                    </td>
                    <td className="w-full max-w-0 sm:w-auto sm:max-w-48 lg:max-w-64">
                      <div className="truncate">{p.description}</div>
                      <div className="truncate text-xs text-slate-600">{[p.orderId, p.customerEmail].filter(Boolean).join(" · ")}</div>
                      <div className="tabular mt-1 font-semibold sm:hidden">{amount}</div>
                    </td>
                    <td className="tabular hidden text-right font-semibold sm:table-cell">{amount}</td>
                    <td className="hidden sm:table-cell"><PaymentStatusBadge status={p.status} /></td>
                    <td className="hidden lg:table-cell">{p.methodName ?? <span className="text-slate-400">—</span>}</td>
                    <td className="hidden text-slate-700 sm:table-cell lg:whitespace-nowrap"><ServerTime ms={p.createdAt} tz={tz} /></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pages" className="mt-4 flex justify-between text-sm">
        {cursor ? (
          <Link href={`/dashboard/payments?${keep}`} className="font-medium text-accent-700 underline">← Newest</Link>
        ) : (
          <span />
        )}
        {next && (
          <Link href={`/dashboard/payments?${new URLSearchParams([...keep, ["cursor", next]])}`} className="font-medium text-accent-700 underline">
            Older →
          </Link>
        )}
      </nav>
    </>
  );
}
