// All payments: the filter form and the table of rows, for app/(dashboard)/dashboard/payments.
import Link from "next/link";
import type { listPayments } from "@/db/payment-lists";
import { formatMoney } from "@/lib/money";
import { formatReference } from "@/lib/reference";
import { amountStillDue, PAYMENT_STATUSES, type PaymentStatus } from "@/lib/payment-status";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { ServerTime } from "@/components/ui/server-time";
import { Table } from "@/components/ui/table";
import { PaymentStatusBadge, STATUS_LABELS } from "./status-badge";

export type PaymentListRow = Awaited<ReturnType<typeof listPayments>>["rows"][number];

export function PaymentFilters({ q, status, methodId, methods, filtered }: { q: string; status: PaymentStatus | null; methodId: number | null; methods: { id: number; name: string }[]; filtered: boolean }) {
  const label = "mb-1 block text-sm font-medium";
  return (
    <Card as="div" padding="sm" className="mb-4">
      <form method="get" role="search" className="grid gap-3 sm:grid-cols-[1fr_10rem_12rem_auto] sm:items-end">
        <div>
          <label htmlFor="q" className={label}>Search</label>
          <input id="q" name="q" type="search" defaultValue={q} placeholder="Reference, order ID or customer email" className={inputClass} />
        </div>
        <div>
          <label htmlFor="status" className={label}>Status</label>
          <select id="status" name="status" defaultValue={status ?? ""} className={inputClass}>
            <option value="">Any status</option>
            {PAYMENT_STATUSES.map((s) => (
              <option key={s} value={s}>{STATUS_LABELS[s]}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="method" className={label}>Method</label>
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
    </Card>
  );
}

const COLUMNS = [
  { label: "Reference" },
  { label: "Description" },
  { label: "Amount", className: "hidden text-right sm:table-cell" },
  { label: "Status", className: "hidden sm:table-cell" },
  { label: "Method", className: "hidden lg:table-cell" },
  { label: "Created", className: "hidden sm:table-cell" },
];

function PaymentRow({ p, tz }: { p: PaymentListRow; tz: string | null }) {
  const amount = formatMoney(p.amount, p.currency, "en");
  // A bank statement showed only part of it (open or submitted, not confirmed paid): said under the amount.
  const part = amountStillDue(p) !== null && <div className="text-xs font-medium text-amber-800">Part paid: {formatMoney(p.amountReceived, p.currency, "en")}</div>;
  return (
    <tr data-testid="payment-row">
      <td>
        <a href={`/dashboard/payments/${p.id}`} className="font-mono font-semibold text-accent-700 hover:underline">
          {formatReference(p.reference)}
        </a>
        <div className="mt-1.5 sm:hidden"><PaymentStatusBadge status={p.status} /></div>
      </td>
      <td className="w-full max-w-0 sm:w-auto sm:max-w-48 lg:max-w-64">
        <div className="truncate">{p.description}</div>
        <div className="truncate text-xs text-slate-600">{[p.orderId, p.customerEmail].filter(Boolean).join(" · ")}</div>
        <div className="tabular mt-1 font-semibold sm:hidden">
          {amount}
          {part}
        </div>
      </td>
      <td className="tabular hidden text-right font-semibold sm:table-cell">
        {amount}
        {part}
      </td>
      <td className="hidden sm:table-cell"><PaymentStatusBadge status={p.status} /></td>
      <td className="hidden lg:table-cell">{p.methodName ?? <span className="text-slate-400">—</span>}</td>
      <td className="hidden text-slate-700 sm:table-cell lg:whitespace-nowrap"><ServerTime ms={p.createdAt} tz={tz} /></td>
    </tr>
  );
}

/**
 * Plain links and markup per row (50 a page): the layout's SoftLinks keeps navigation client-side. On a phone a row
 * is two columns, its status under the reference and its amount under the description; method and date are on the
 * payment's page. The method column starts at 1024 px.
 */
export function PaymentTable({ rows, tz, filtered }: { rows: PaymentListRow[]; tz: string | null; filtered: boolean }) {
  return (
    <Table
      caption="Payments, newest first"
      columns={COLUMNS}
      className="sm:min-w-[44rem]"
      bodyProps={{ className: "pl", "data-soft-links": "" }}
      empty={{
        when: rows.length === 0,
        title: filtered ? "No payments match" : "No payments yet",
        children: filtered ? "Try another search or clear the filters." : "Create a payment link and send it to your customer.",
      }}
    >
      {rows.map((p) => (
        <PaymentRow key={p.id} p={p} tz={tz} />
      ))}
    </Table>
  );
}
